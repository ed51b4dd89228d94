package mw.hostile;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A 256 KiB tmpfs for full-disk tests, where the system allows mounting one (as root on Linux). */
public final class TinyDisk {
    private TinyDisk() {
    }

    /** Mounts a small tmpfs on {@code dir}; false when that is not allowed here. */
    public static boolean mount(Path dir) {
        return run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", dir.toString());
    }

    public static void unmount(Path dir) {
        run("umount", dir.toString());
    }

    private static boolean run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
