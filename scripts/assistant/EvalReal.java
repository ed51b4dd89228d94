import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mw.assistant.AssistantModel;
import mw.assistant.TrackFeatures;
import mw.io.Audio;

/**
 * Scores a style model on a corpus built by build-real-corpus.sh: one TSV line per excerpt with its label,
 * group, the predicted style, the top probability, the out-of-distribution score, every probability and the
 * feature vector (comma-separated, in the model's feature order).
 * Usage: java -cp cli/target/mw.jar scripts/assistant/EvalReal.java CORPUS [MODEL.json] > scores.tsv
 */
public class EvalReal {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        AssistantModel model = args.length > 1 ? AssistantModel.load(Path.of(args[1])) : AssistantModel.bundled();
        List<String> lines = Files.readAllLines(dir.resolve("labels.tsv"));
        StringBuilder head = new StringBuilder("file\tlabel\tgroup\tpredicted\ttop_p\tood_score");
        for (String s : model.styles()) {
            head.append("\tp_").append(s);
        }
        head.append("\tfeatures");
        System.out.println(head);
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split("\t");
            double[] x = TrackFeatures.of(Audio.read(dir.resolve(c[0]))).values();
            double[] p = model.probabilities(x);
            int best = 0;
            for (int i = 1; i < p.length; i++) {
                best = p[i] > p[best] ? i : best;
            }
            StringBuilder sb = new StringBuilder(c[0] + "\t" + c[1] + "\t" + c[2] + "\t" + model.styles().get(best)
                    + "\t" + p[best] + "\t" + model.oodScore(x));
            for (double v : p) {
                sb.append('\t').append(v);
            }
            sb.append('\t');
            for (int i = 0; i < x.length; i++) {
                sb.append(i == 0 ? "" : ",").append(x[i]);
            }
            System.out.println(sb);
        }
    }
}
