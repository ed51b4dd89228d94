package mw.analysis;

/**
 * Welch's averaged periodogram (Welch 1967): frames without centring, window, |X|^2 averaged over
 * frames, scaled to a one-sided power spectral density in (full scale)^2 per Hz, so that summing the
 * density times the bin spacing gives the signal's mean power. For the first two channels it also
 * averages the real part of the cross spectrum, from which mid, side and per-band correlation follow
 * without transforming M and S separately.
 */
final class Welch {
    final double[][] psd;
    /** Re of the one-sided cross spectral density of channels 0 and 1, or null. */
    final double[] crossRe;
    final int frames;
    final double binHz;

    private Welch(double[][] psd, double[] crossRe, int frames, double binHz) {
        this.psd = psd;
        this.crossRe = crossRe;
        this.frames = frames;
        this.binHz = binHz;
    }

    static Welch of(mw.audio.AudioBuffer audio, int nFft, Window window, boolean cross) {
        int sampleRate = audio.sampleRate();
        StftSettings s = new StftSettings(nFft, nFft / 2, window, false);
        int n = audio.frames();
        int frames = Math.max(1, s.frames(n));
        int bins = nFft / 2 + 1;
        int ch = audio.channels();
        boolean doCross = cross && ch >= 2;
        double[][] acc = new double[ch][bins];
        double[] cr = doCross ? new double[bins] : null;
        Stft[] engines = new Stft[doCross ? 2 : 1];
        for (int i = 0; i < engines.length; i++) {
            engines[i] = new Stft(s);
        }
        for (int t = 0; t < frames; t++) {
            for (int c = 0; c < ch; c++) {
                Stft e = doCross && c < 2 ? engines[c] : engines[0];
                e.transform(audio, c, t);
                double[] a = acc[c];
                float[] b = e.buf;
                a[0] += (double) b[0] * b[0];
                a[bins - 1] += (double) b[1] * b[1];
                for (int k = 1; k < bins - 1; k++) {
                    double re = b[2 * k];
                    double im = b[2 * k + 1];
                    a[k] += re * re + im * im;
                }
                if (doCross && c == 1) {
                    float[] l = engines[0].buf;
                    float[] r = engines[1].buf;
                    cr[0] += (double) l[0] * r[0];
                    cr[bins - 1] += (double) l[1] * r[1];
                    for (int k = 1; k < bins - 1; k++) {
                        cr[k] += (double) l[2 * k] * r[2 * k] + (double) l[2 * k + 1] * r[2 * k + 1];
                    }
                }
            }
        }
        double scale = 1.0 / (frames * sampleRate * engines[0].windowPower);
        for (double[] a : acc) {
            scaleOneSided(a, scale);
        }
        if (cr != null) {
            scaleOneSided(cr, scale);
        }
        return new Welch(acc, cr, frames, (double) sampleRate / nFft);
    }

    private static void scaleOneSided(double[] a, double scale) {
        for (int k = 0; k < a.length; k++) {
            a[k] *= (k == 0 || k == a.length - 1) ? scale : 2 * scale;
        }
    }
}
