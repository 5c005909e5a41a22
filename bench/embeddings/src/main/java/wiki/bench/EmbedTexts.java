package wiki.bench;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.e5smallv2q.E5SmallV2QuantizedEmbeddingModel;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads texts, one per line, on stdin; writes one line per text on stdout:
 * its embedding (384 numbers, comma-separated, normalised) by the model named
 * in the first argument: minilm (all-MiniLM-L6-v2), bge (bge-small-en-v1.5) or
 * e5 (e5-small-v2), each quantized. The caller adds any query or passage
 * prefix the model was trained with.
 * Last, on stderr, one line of timings as JSON: the mean ms per text of the
 * input (one at a time, as a write would embed its sentences) and per short
 * statement alone after warm-up (as a request would).
 */
public final class EmbedTexts {
  private EmbedTexts() {}

  public static void main(String[] args) throws Exception {
    String name = args.length > 0 ? args[0] : "minilm";
    EmbeddingModel model = switch (name) {
      case "minilm" -> new AllMiniLmL6V2QuantizedEmbeddingModel();
      case "bge" -> new BgeSmallEnV15QuantizedEmbeddingModel();
      case "e5" -> new E5SmallV2QuantizedEmbeddingModel();
      default -> throw new IllegalArgumentException("Unknown model: " + name);
    };
    List<String> texts = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) texts.add(line);
    }
    model.embed("warm-up");
    BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    long started = System.nanoTime();
    for (String text : texts) {
      float[] vector = model.embed(text).content().vector();
      StringBuilder line = new StringBuilder(vector.length * 12);
      for (int i = 0; i < vector.length; i++) {
        if (i > 0) line.append(',');
        line.append(vector[i]);
      }
      out.write(line.toString());
      out.newLine();
    }
    out.flush();
    double msPerText = texts.isEmpty() ? 0 : (System.nanoTime() - started) / 1e6 / texts.size();
    int runs = 50;
    long statementStarted = System.nanoTime();
    for (int i = 0; i < runs; i++) model.embed("is the RFQ a valid self-report measure of reflective functioning " + i);
    double msPerStatement = (System.nanoTime() - statementStarted) / 1e6 / runs;
    System.err.println("{\"msPerText\":" + msPerText + ",\"msPerStatement\":" + msPerStatement + "}");
  }
}
