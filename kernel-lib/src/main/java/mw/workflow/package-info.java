/**
 * Workflows: the jobs the command line runs, as library calls that return records of what they did.
 * {@link mw.workflow.Master} renders a master through a chain, optionally to a loudness target under a
 * true-peak ceiling; {@link mw.workflow.Deliver} renders one master per platform or delivery specification
 * and checks each; {@link mw.workflow.Study} reads a folder of tracks and measures each against every
 * platform. The results are plain data that {@code mw.view.Show} presents as tables, text, JSON and HTML,
 * so a notebook, a script and {@code mw master} / {@code mw deliver} / {@code mw study} show the same thing.
 *
 * <pre>{@code
 * MasterResult m = Master.of(mix, Presets.builtIn("gentle"), MasterTarget.lufs(-14));
 * DeliveryResult d = Deliver.of(Path.of("master.wav"), List.of("spotify_normal", "cd"), DeliverOptions.into(Path.of("out")));
 * StudyResult s = Study.of(Path.of("sample-audio"));
 * }</pre>
 */
package mw.workflow;
