package mw.catalog;

import java.io.Serializable;

/**
 * One file of a catalog run: absolute path, size and modification time. The key
 * ({@code path|size|mtime}) decides whether a file was already measured: the same path with another
 * size or time is a new version and is measured again.
 */
public record CatalogInput(String path, long sizeBytes, long modifiedMs) implements Serializable {
    /** {@code path|size|mtime}, the resume key. */
    public String key() {
        return path + "|" + sizeBytes + "|" + modifiedMs;
    }
}
