// Reference comparison: the tonal balance and a few features of a mix next to a reference track.
//
//   ./mw script scripts/reference-compare.jsh MIX REFERENCE [OUT_DIR]
//
// Writes, in OUT_DIR (default: out/reference-compare):
//   bands.csv    per 1/3-octave band (IEC 61260-1, 25 Hz - 16 kHz): the level-normalised band power of
//                the mix and of the reference (dB relative to each one's total power) and the difference
//   summary.csv  per track: integrated loudness, true peak, crest factor, spectral centroid
//   comparison-*.csv  the workbench's own comparison (mw.analysis.Compare): features, bands, loudness
//                match and gentle EQ suggestions (tracks of different sample rates are not compared)
// and prints the bands where the reference has 2 dB or more, or less, than the mix.
// The method is the one explained in notebooks/02-spectra-and-references.

%load setup.jsh

if (args.length < 2 || args.length > 3) {
    throw new WorkbenchException("usage: mw script scripts/reference-compare.jsh MIX REFERENCE [OUT_DIR]");
}
Path mixFile = Path.of(args[0]), refFile = Path.of(args[1]);
Path outDir = args.length > 2 ? Path.of(args[2]) : Path.of("out", "reference-compare");
Files.createDirectories(outDir);
AudioBuffer mix = Audio.read(mixFile), ref = Audio.read(refFile);
int fftSize = 8192;
double[] mixLtas = ltasDb(mix, fftSize), refLtas = ltasDb(ref, fftSize);
double[] centres = thirdOctaveCentresHz();
double[] mixBands = thirdOctaveBandsDb(mixLtas, fftSize, mix.sampleRate());
double[] refBands = thirdOctaveBandsDb(refLtas, fftSize, ref.sampleRate());

String num(double v) { return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.2f", v); }
String csv(String s) { return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s; }
void writeCsv(Path file, List<String> lines) {
    Audio.atomicWrite(file, List.of(), out -> out.write((String.join("\n", lines) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
}

var bandRows = new ArrayList<String>(List.of("band_hz,mix_db,reference_db,difference_db"));
for (int i = 0; i < centres.length; i++) {
    bandRows.add(String.join(",", String.format(Locale.ROOT, "%.0f", centres[i]), num(mixBands[i]), num(refBands[i]), num(refBands[i] - mixBands[i])));
}

String summary(String label, Path file, AudioBuffer a, double[] ltas) {
    double sum = 0;
    for (int c = 0; c < a.channels(); c++)
        for (int i = 0; i < a.frames(); i++) sum += a.sample(c, i) * a.sample(c, i);
    double rms = Math.sqrt(sum / ((double) a.channels() * a.frames()));
    double weighted = 0, power = 0;
    for (int k = 1; k < ltas.length; k++) {
        double p = Math.pow(10, ltas[k] / 10);
        weighted += p * k * a.sampleRate() / (double) fftSize;
        power += p;
    }
    return String.join(",", label, csv(file.getFileName().toString()), num(integratedLufs(a)), num(truePeakDbtp(a)),
        num(db(a.peak() / rms)), num(weighted / power));
}

writeCsv(outDir.resolve("bands.csv"), bandRows);
writeCsv(outDir.resolve("summary.csv"), List.of("track,file,integrated_lufs,true_peak_dbtp,crest_db,centroid_hz",
    summary("mix", mixFile, mix, mixLtas), summary("reference", refFile, ref, refLtas)));
for (int i = 0; i < centres.length; i++) {
    double d = refBands[i] - mixBands[i];
    if (Math.abs(d) >= 2 && mixBands[i] > -60 && refBands[i] > -60)
        System.out.printf(Locale.ROOT, "%6.0f Hz: the reference has %.1f dB %s than the mix%n", centres[i], Math.abs(d), d > 0 ? "more" : "less");
}
if (mix.sampleRate() == ref.sampleRate()) {
    var comparison = Compare.of(mixFile.getFileName().toString(), mix, Map.of(refFile.getFileName().toString(), ref));
    for (var e : Views.tables(comparison).entrySet()) {
        Tables.writeCsv(e.getValue(), outDir.resolve("comparison-" + e.getKey() + ".csv"));
    }
} else {
    System.out.println("the library comparison needs both tracks at one sample rate; skipped (nothing is resampled silently)");
}
System.out.println("wrote " + outDir.resolve("bands.csv") + ", " + outDir.resolve("summary.csv") + " and the comparison tables");
