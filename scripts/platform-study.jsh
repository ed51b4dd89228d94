// Platform study: what each streaming platform's loudness normalisation (and each delivery
// specification) does to every audio file in a folder.
//
//   ./mw script scripts/platform-study.jsh FOLDER [OUT_DIR]
//
// Writes, in OUT_DIR (default: out/platform-study, beside out/study; never inside the audio folder):
//   loudness.csv  one row per file: integrated loudness (LUFS), loudness range (LU), true peak (dBTP),
//                 sample peak (dBFS), duration (s), measured by mw.loudness (ITU-R BS.1770-4, EBU R 128)
//   outcomes.csv  one row per file and platform profile (mw.platforms, the bundled profiles): gain the
//                 platform applies, playback loudness and true peak, verdict and reasons
//   errors.csv    files that could not be measured, with the reason; the study goes on past them

if (args.length < 1 || args.length > 2) {
    throw new WorkbenchException("usage: mw script scripts/platform-study.jsh FOLDER [OUT_DIR]");
}
Path folder = Path.of(args[0]);
if (!Files.isDirectory(folder)) {
    throw new WorkbenchException(folder, "is not a folder; give a folder of audio files");
}
Path outDir = args.length > 1 ? Path.of(args[1]) : Path.of("out", "platform-study");
Files.createDirectories(outDir);

String csv(String s) { return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s; }
String num(double v) { return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.2f", v); }
void writeText(Path file, String text) {
    Audio.atomicWrite(file, List.of(), out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
}

var loudnessRows = new ArrayList<String>(List.of("file,integrated_lufs,loudness_range_lu,true_peak_dbtp,sample_peak_dbfs,duration_s"));
var errorRows = new ArrayList<String>(List.of("file,problem"));
var tracks = new ArrayList<TrackLoudness>();

var files = Audio.listAudioFiles(folder);
System.out.println("platform study: " + files.size() + " audio files in " + folder);
for (Path f : files) {
    String name = f.getFileName().toString();
    try {
        LoudnessReport r = Loudness.of(f);
        tracks.add(TrackLoudness.of(name, r));
        loudnessRows.add(String.join(",", csv(name), num(r.integratedLufs()), num(r.loudnessRangeLu()),
            num(r.truePeakDbtp()), num(r.samplePeakDbfs()), num(r.durationSeconds())));
        System.out.printf(Locale.ROOT, "  %s: %.1f LUFS, %.1f dBTP%n", name, r.integratedLufs(), r.truePeakDbtp());
    } catch (RuntimeException e) {
        errorRows.add(csv(name) + "," + csv(String.valueOf(e.getMessage())));
        System.err.println("  skipped " + name + ": " + e.getMessage());
    }
}
Outcomes outcomes = Platforms.outcomes(tracks, ProfileSet.bundled());
writeText(outDir.resolve("loudness.csv"), String.join("\n", loudnessRows) + "\n");
writeText(outDir.resolve("outcomes.csv"), Show.csv(outcomes));
writeText(outDir.resolve("errors.csv"), String.join("\n", errorRows) + "\n");
System.out.printf(Locale.ROOT, "wrote %s: %d measured, %d failed%n", outDir, tracks.size(), errorRows.size() - 1);
