/**
 * Workflows people run from start to end, as library calls that return records: a study of a folder of
 * tracks ({@link mw.workflow.Study}). The command line parses its options, calls one, and presents the
 * result through {@code mw.view}; a notebook calls the same and displays the record.
 */
package mw.workflow;
