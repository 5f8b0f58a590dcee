package dev.stowage.cli;

import com.google.common.html.HtmlEscapers;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link ComplianceReport} as one self-contained page (inline style, no script, no
 * external resource) a provider author can publish. The markup is well-formed XML as well as HTML.
 */
final class ComplianceHtml {
  private static final String STYLE =
      "body{font-family:system-ui,sans-serif;margin:2em;color:#222}"
          + "table{border-collapse:collapse;margin:0.5em 0 1.5em}"
          + "td,th{border:1px solid #ccc;padding:0.25em 0.6em;text-align:left;vertical-align:top}"
          + "th{background:#f3f3f3}.passed,.conforms,.declared{background:#e3f6e3}"
          + ".failed,.fails{background:#fbe0e0}.skipped,.not-tested{background:#f6f1dc}"
          + ".banner{font-size:1.4em;padding:0.4em 0.8em;display:inline-block}"
          + "pre{white-space:pre-wrap;margin:0;font-size:0.85em}";

  private ComplianceHtml() {}

  static String render(ComplianceReport report) {
    StringBuilder html = new StringBuilder();
    ComplianceReport.Provider provider = report.provider();
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>")
        .append("<title>Stowage compliance: ")
        .append(escape(provider.scheme()))
        .append(":// provider</title><style>")
        .append(STYLE)
        .append("</style></head><body>\n");
    html.append("<h1>Stowage compliance report: ")
        .append(escape(provider.scheme()))
        .append("://</h1>\n");
    html.append("<p class=\"banner ")
        .append(report.passed() ? "passed" : "failed")
        .append("\">")
        .append(report.passed() ? "PASSED" : "FAILED")
        .append("</p>\n");
    html.append("<table id=\"run\">");
    row(html, "Provider", provider.description());
    row(html, "Class", provider.className());
    row(html, "Loaded from", provider.origin());
    row(html, "Location", report.location());
    row(html, "Run root (emptied afterwards)", report.runRoot());
    row(html, "Stowage version", report.stowageVersion());
    row(html, "Started", report.started());
    row(html, "Duration", String.format(Locale.ROOT, "%.1f s", report.seconds()));
    ComplianceReport.Summary summary = report.summary();
    row(
        html,
        "Cases",
        summary.total()
            + " in all: "
            + summary.passed()
            + " passed, "
            + summary.failed()
            + " failed, "
            + summary.skipped()
            + " skipped");
    row(html, "Coverage", summary.coveragePercent() + "% of the suite ran (passed or failed)");
    html.append("</table>\n");

    html.append("<h2>Conformance levels</h2>\n<table id=\"levels\"><tr><th>Level</th>")
        .append("<th>Verdict</th><th>Passed</th><th>Failed</th><th>Skipped</th></tr>\n");
    for (ComplianceReport.Level level : report.levels()) {
      html.append("<tr><td>")
          .append(escape(level.name()))
          .append("</td><td class=\"")
          .append(level.verdict().replace(' ', '-'))
          .append("\">")
          .append(escape(level.verdict()))
          .append("</td><td>")
          .append(level.passed())
          .append("</td><td>")
          .append(level.failed())
          .append("</td><td>")
          .append(level.skipped())
          .append("</td></tr>\n");
    }
    html.append("</table>\n");

    html.append("<h2>Declared capabilities</h2>\n<table id=\"capabilities\">")
        .append("<tr><th>Capability</th><th>State</th></tr>\n");
    capabilityRows(html, report.capabilities().features(), "");
    capabilityRows(html, report.capabilities().checksums(), "checksum ");
    for (Map.Entry<String, Long> limit : report.capabilities().limits().entrySet()) {
      html.append("<tr><td>")
          .append(escape(limit.getKey()))
          .append("</td><td>")
          .append(limit.getValue())
          .append("</td></tr>\n");
    }
    html.append("</table>\n<h2>Capability overrides</h2>\n");
    if (report.overrides().isEmpty()) {
      html.append(
          "<p id=\"overrides\">None: the provider was held to every capability it"
              + " declares.</p>\n");
    } else {
      html.append("<ul id=\"overrides\">");
      report.overrides().forEach(o -> html.append("<li>").append(escape(o)).append("</li>"));
      html.append("</ul>\n");
    }

    html.append("<h2>Contract cases</h2>\n<table id=\"cases\"><tr><th>Case</th><th>Level</th>")
        .append("<th>Result</th><th>Time</th><th>Reason</th></tr>\n");
    for (ComplianceReport.Case c : report.cases()) {
      html.append("<tr><td>")
          .append(escape(c.name()))
          .append("</td><td>")
          .append(escape(c.level()))
          .append("</td><td class=\"")
          .append(c.verdict())
          .append("\">")
          .append(c.verdict())
          .append("</td><td>")
          .append(c.millis())
          .append(" ms</td><td><pre>")
          .append(escape(c.reason()))
          .append("</pre></td></tr>\n");
    }
    html.append("</table>\n");
    if (!report.runFailures().isEmpty()) {
      html.append("<h2>Failures outside the cases</h2>\n<ul id=\"run-failures\">");
      report.runFailures().forEach(f -> html.append("<li>").append(escape(f)).append("</li>"));
      html.append("</ul>\n");
    }
    html.append("</body></html>\n");
    return html.toString();
  }

  private static void capabilityRows(StringBuilder html, Map<String, String> states, String kind) {
    for (Map.Entry<String, String> state : states.entrySet()) {
      html.append("<tr><td>")
          .append(escape(kind + state.getKey()))
          .append("</td><td class=\"")
          .append(state.getValue().startsWith("declared") ? "declared" : "skipped")
          .append("\">")
          .append(escape(state.getValue()))
          .append("</td></tr>\n");
    }
  }

  private static void row(StringBuilder html, String name, String value) {
    html.append("<tr><th>")
        .append(escape(name))
        .append("</th><td>")
        .append(escape(value))
        .append("</td></tr>\n");
  }

  static String escape(String text) {
    // Control characters are not allowed in XML; a case's reason may hold one.
    return HtmlEscapers.htmlEscaper()
        .escape(text.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "?"));
  }
}
