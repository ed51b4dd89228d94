package mw.kernel;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mw.WorkbenchException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * What {@code %maven group:artifact:version} resolves with: Maven's own resolver (Maven Resolver 2 with
 * Maven 3's POM reading), from Maven Central and any repository added with {@code %addMavenRepo},
 * with runtime dependencies, cached in the Maven local repository ({@code -Dmaven.repo.local}, else
 * {@code ~/.m2/repository}) so a second session works offline.
 */
final class MavenDependencies {
    static final String CENTRAL = "https://repo.maven.apache.org/maven2/";
    private final List<RemoteRepository> repositories = new ArrayList<>();
    private RepositorySystem system;

    MavenDependencies() {
        repositories.add(new RemoteRepository.Builder("central", "default", CENTRAL).build());
    }

    /** Adds a repository searched after the ones before it. */
    void addRepository(String id, String url) {
        if (!url.matches("(?i)(https?|file)://.+")) {
            throw new WorkbenchException("%addMavenRepo needs an id and an http(s):// or file:// URL, not '" + url + "'");
        }
        repositories.removeIf(r -> r.getId().equals(id));
        repositories.add(new RemoteRepository.Builder(id, "default", url).build());
    }

    List<String> repositoryUrls() {
        return repositories.stream().map(r -> r.getId() + " " + r.getUrl()).toList();
    }

    static Path localRepository() {
        String p = System.getProperty("maven.repo.local");
        return p != null && !p.isBlank() ? Path.of(p) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** The jars of the given coordinates and their runtime dependencies. */
    List<Path> resolve(List<String> coordinates) {
        List<Dependency> deps = new ArrayList<>();
        for (String c : coordinates) {
            try {
                deps.add(new Dependency(new DefaultArtifact(c), JavaScopes.RUNTIME));
            } catch (IllegalArgumentException e) {
                throw new WorkbenchException("'" + c + "' is not a Maven coordinate; accepted: group:artifact:version "
                        + "(or group:artifact:extension[:classifier]:version)");
            }
        }
        if (system == null) {
            system = new RepositorySystemSupplier().get();
        }
        try (RepositorySystemSession.CloseableSession session = system.createSessionBuilder()
                .withLocalRepositoryBaseDirectories(localRepository())
                .setSystemProperties(System.getProperties())
                .build()) {
            CollectRequest collect = new CollectRequest(deps, List.of(), repositories);
            DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
            List<Path> jars = new ArrayList<>();
            for (ArtifactResult r : system.resolveDependencies(session, request).getArtifactResults()) {
                File f = r.getArtifact().getFile();
                if (f != null) {
                    jars.add(f.toPath());
                }
            }
            return jars;
        } catch (DependencyResolutionException e) {
            throw new WorkbenchException("cannot resolve " + String.join(", ", coordinates) + " from "
                    + String.join(", ", repositoryUrls()) + ": " + e.getMessage());
        }
    }
}
