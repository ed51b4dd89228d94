// Platform study: what each streaming platform's loudness normalisation does to every audio file
// in a folder.
//
//   ./mw script scripts/platform-study.jsh FOLDER [OUT_DIR]
//
// Writes, in OUT_DIR (default: FOLDER/platform-study):
//   loudness.csv  one row per file: integrated loudness (LUFS), true peak (dBTP), sample peak (dBFS),
//                 duration, and which meter measured it
//   outcomes.csv  one row per file and platform: reference level, gain applied, playback loudness
//                 and true peak, verdict (the simplified model of notebook 04-platform-outcomes)
//   errors.csv    files that could not be measured, with the reason; the study goes on past them
//
// Loudness comes from the library's meter (mw.loudness.Loudness) when this build has it, else from
// the BS.1770-4 steps of notebooks/setup.jsh.

%load setup.jsh

if (args.length < 1 || args.length > 2) {
    throw new WorkbenchException("usage: mw script scripts/platform-study.jsh FOLDER [OUT_DIR]");
}
Path folder = Path.of(args[0]);
if (!Files.isDirectory(folder)) {
    throw new WorkbenchException(folder, "is not a folder; give a folder of audio files");
}
Path outDir = args.length > 1 ? Path.of(args[1]) : folder.resolve("platform-study");
Files.createDirectories(outDir);

record Platform(String name, double referenceLufs, boolean turnsUp, double peakLimitDbtp) {}
var platforms = List.of(
    new Platform("Spotify", -14, true, -1),
    new Platform("Apple Music", -16, true, -1),
    new Platform("YouTube", -14, false, 0),
    new Platform("TIDAL", -14, false, 0),
    new Platform("Deezer", -15, false, 0));

String csv(String s) { return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s; }
String num(double v) { return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.2f", v); }

void writeCsv(Path file, List<String> lines) {
    Audio.atomicWrite(file, List.of(), out -> out.write((String.join("\n", lines) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
}

var loudnessRows = new ArrayList<String>(List.of("file,integrated_lufs,true_peak_dbtp,sample_peak_dbfs,duration_s,meter"));
var outcomeRows = new ArrayList<String>(List.of("file,platform,reference_lufs,gain_db,playback_lufs,playback_true_peak_dbtp,verdict"));
var errorRows = new ArrayList<String>(List.of("file,problem"));

var files = Audio.listAudioFiles(folder);
System.out.println("platform study: " + files.size() + " audio files in " + folder);
for (Path f : files) {
    try {
        AudioBuffer a = Audio.read(f);
        String meter;
        double lufs;
        try {
            lufs = Loudness.of(a).integratedLufs();
            meter = "mw.loudness (BS.1770-4)";
        } catch (UnsupportedOperationException e) {
            lufs = gatedLoudness(kWeightedBlockPower(a, 0.4, 0.1));
            meter = "notebooks/setup.jsh (BS.1770-4 steps)";
        }
        double tp = truePeakDbtp(a);
        String name = f.getFileName().toString();
        loudnessRows.add(String.join(",", csv(name), num(lufs), num(tp), num(samplePeakDbfs(a)), num(a.durationSeconds()), csv(meter)));
        for (var p : platforms) {
            double g = p.referenceLufs() - lufs;
            if (g > 0) g = p.turnsUp() ? Math.max(0, Math.min(g, p.peakLimitDbtp() - tp)) : 0;
            String verdict = Double.isNaN(lufs) ? "no loudness (silence?)"
                : g < -0.5 ? "turned down" : g > 0.5 ? "turned up" : lufs < p.referenceLufs() - 0.5 ? "plays quieter than the reference" : "plays as mastered";
            outcomeRows.add(String.join(",", csv(name), csv(p.name()), num(p.referenceLufs()), num(g), num(lufs + g), num(tp + g), csv(verdict)));
        }
        System.out.printf(Locale.ROOT, "  %s: %.1f LUFS, %.1f dBTP%n", name, lufs, tp);
    } catch (RuntimeException e) {
        errorRows.add(csv(f.getFileName().toString()) + "," + csv(String.valueOf(e.getMessage())));
        System.err.println("  skipped " + f.getFileName() + ": " + e.getMessage());
    }
}
writeCsv(outDir.resolve("loudness.csv"), loudnessRows);
writeCsv(outDir.resolve("outcomes.csv"), outcomeRows);
writeCsv(outDir.resolve("errors.csv"), errorRows);
System.out.printf(Locale.ROOT, "wrote %s: %d measured, %d failed%n", outDir, loudnessRows.size() - 1, errorRows.size() - 1);
