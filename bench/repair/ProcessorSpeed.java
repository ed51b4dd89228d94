import mw.analysis.*; import mw.io.Audio; import mw.audio.AudioBuffer; import mw.processing.*; import mw.repair.*;
import java.nio.file.*; import java.util.function.*;
/** Times damage detection, split, transient shaper and gain rider on the 20 s rock excerpt (thread CPU time, best of 3 after a warm-up); run from the repository root with the kernel-lib class path. */
public class ProcessorSpeed { public static void main(String[] a) throws Exception {
  AudioBuffer b = Audio.read(Path.of("sample-audio/rock-hedgewars-rock.flac"));
  var mx = java.lang.management.ManagementFactory.getThreadMXBean();
  String[] names = {"DamageReport.of", "Split.harmonicPercussive (identity chains)", "Split.harmonicPercussive(2) (3 parts)", "Split.midSide", "TransientShaper.of(4, -3)", "GainRider.toward(-16, 6)"};
  Supplier<?>[] jobs = {() -> DamageReport.of(b), () -> Split.harmonicPercussive().process(b), () -> Split.harmonicPercussive(2).process(b),
     () -> Split.midSide().process(b), () -> TransientShaper.of(4, -3).process(b), () -> GainRider.toward(-16, 6).process(b)};
  for (int j = 0; j < jobs.length; j++) {
    jobs[j].get();
    double best = 1e9;
    for (int r = 0; r < 3; r++) { long t = mx.getCurrentThreadCpuTime(); jobs[j].get(); best = Math.min(best, (mx.getCurrentThreadCpuTime() - t) / 1e9); }
    System.out.printf(java.util.Locale.ROOT, "%s: %.3f s CPU for %.0f s stereo = %.0fx real time%n", names[j], best, b.durationSeconds(), b.durationSeconds() / best);
  }
}}
