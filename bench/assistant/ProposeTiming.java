/** Times Assistant.propose on a 4-minute stereo track (the electronic sample excerpt repeated); run with the kernel-lib class path. */
public class ProposeTiming { public static void main(String[] a) throws Exception {
  var au = mw.io.Audio.read("sample-audio/electronic-through-space.flac");
  // a 4-minute track: the excerpt repeated
  int n = 240 * au.sampleRate();
  double[][] ch = new double[au.channels()][n];
  for (int c = 0; c < ch.length; c++) { double[] src = au.channel(c); for (int i = 0; i < n; i++) ch[c][i] = src[i % src.length]; }
  var track = mw.audio.AudioBuffer.of(au.sampleRate(), ch);
  for (int rep = 0; rep < 6; rep++) {
    long t0 = System.nanoTime();
    mw.assistant.Assistant.propose(track);
    System.out.printf("propose 4 min: %.0f ms%n", (System.nanoTime() - t0) / 1e6);
  }
}}
