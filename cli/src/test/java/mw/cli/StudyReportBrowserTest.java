package mw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mw.io.Audio;
import mw.io.SampleFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The study report as a browser lays it out: headless Chromium opens the index and a track page (every
 * folded section opened, as printing does) and a script on the page writes into the page what it finds:
 * tables wider than their container or the page, and images that did not load ({@code naturalWidth} 0).
 * Skipped when Chromium is not installed ({@code apt-get install chromium}).
 */
class StudyReportBrowserTest {
    @TempDir
    Path dir;

    private static final String CHECK = """
            <script>
            addEventListener('load', () => {
              document.querySelectorAll('details').forEach(d => d.open = true);
              const page = document.documentElement.clientWidth;
              const bad = [];
              let tables = 0, images = 0;
              document.querySelectorAll('table').forEach(t => {
                tables++;
                const r = t.getBoundingClientRect();
                const c = t.parentElement.getBoundingClientRect();
                if (r.right > c.right + 1 || r.right > page + 1 || t.scrollWidth > t.clientWidth + 1) {
                  bad.push('table "' + (t.caption ? t.caption.textContent : t.rows[0].textContent.slice(0, 40))
                      + '" is ' + Math.round(r.width) + ' px wide in ' + Math.round(c.width) + ' px');
                }
              });
              document.querySelectorAll('img').forEach(i => {
                images++;
                if (!i.complete || i.naturalWidth === 0) bad.push('image ' + i.getAttribute('src').slice(0, 60) + ' is broken');
              });
              const out = document.createElement('pre');
              out.id = 'mw-check';
              out.textContent = 'tables=' + tables + ' images=' + images + ' problems=' + bad.length + '\\n' + bad.join('\\n');
              document.body.appendChild(out);
            });
            </script>
            """;

    @Test
    void theReportsTablesFitThePageAndEveryImageLoads() throws Exception {
        String chromium = onPath("chromium", "chromium-browser", "google-chrome");
        assumeTrue(chromium != null, "headless Chromium is not installed");
        Path in = Files.createDirectories(dir.resolve("in"));
        Cli.writeSine(in.resolve("01-quiet-intro-with-a-rather-long-file-name.wav"), -24, 4);
        Cli.writeSine(in.resolve("02-loud.wav"), -9, 4);
        // a sine at -0.5 dBFS peaks above the -1 dBTP ceiling throughout: the true-peak timeline has overs
        Audio.write(Cli.sine(-0.5, 4, 44100), in.resolve("03-hot.wav"), SampleFormat.PCM_24);
        Path out = dir.resolve("out");
        Cli.Result r = Cli.run("study", in.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());

        for (String page : List.of("index.html", "tracks/track-001.html", "tracks/track-003.html")) {
            Path html = out.resolve(page);
            Path checked = html.resolveSibling("check-" + html.getFileName());
            Files.writeString(checked, Files.readString(html).replace("</body>", CHECK + "</body>"));
            String dom = dump(chromium, checked);
            Matcher m = Pattern.compile("tables=(\\d+) images=(\\d+) problems=(\\d+)\\n?([^<]*)").matcher(dom);
            assertTrue(m.find(), page + ": the check did not run:\n" + dom.substring(0, Math.min(2000, dom.length())));
            assertTrue(Integer.parseInt(m.group(1)) >= 3 && Integer.parseInt(m.group(2)) >= 3,
                    page + ": expected tables and charts, found " + m.group(0));
            assertEquals("0", m.group(3), page + ": " + m.group(4));
        }
        // the timeline lists the stretches above the ceiling of the hot track, from its start
        String hot = Files.readString(out.resolve("tracks/track-003.html"));
        assertTrue(hot.contains("True peak above -1.0 dBTP") && hot.contains("<td>0.0 s</td>"), "overs listed");
    }

    private static String dump(String chromium, Path page) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                "--window-size=1280,1000", "--virtual-time-budget=10000", "--dump-dom", page.toUri().toString());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        byte[] dom = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        return new String(dom, StandardCharsets.UTF_8);
    }

    private static String onPath(String... names) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String n : names) {
                Path p = Path.of(dir, n);
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        return null;
    }
}
