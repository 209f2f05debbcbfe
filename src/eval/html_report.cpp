#include "eval/html_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "eval/published.h"

namespace codegate::eval {
namespace {

std::string fixed(double value, int decimals = 1) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

std::string mean_std(const std::vector<double>& values, int decimals = 1) {
  Spread s = spread(values);
  return values.size() < 2 ? fixed(s.mean, decimals) : fixed(s.mean, decimals) + " &plusmn; " + fixed(s.std, decimals);
}

template <typename F>
std::vector<double> over_runs(const std::vector<RunResults>& runs, F figure) {
  std::vector<double> values;
  for (const auto& run : runs) values.push_back(static_cast<double>(figure(run.summary)));
  return values;
}

std::string row(const std::string& name, const std::string& value) {
  return "<tr><th scope=\"row\">" + html_escape(name) + "</th><td>" + value + "</td></tr>\n";
}

// Chart geometry: a plot area inside margins, y from 0 to `top`.
// A count as the thesis prints it ("65.4 (43.6%)"), with the count's deviation over several runs.
template <typename F>
std::string count_cell(const std::vector<RunResults>& runs, F count) {
  Spread n = spread(over_runs(runs, count));
  Spread pct = spread(over_runs(runs, [&](const RunSummary& s) { return s.pct(count(s)); }));
  std::string text = html_escape(count_text(n.mean, pct.mean));
  return runs.size() < 2 ? text : text + " &plusmn; " + fixed(n.std);
}

// The published figures beside this run's, cell by cell: the thesis's for the data set this run
// used, RefleXGen's Sec. Rate gains beside this run's Sec. Rate (the gain needs a run without
// the knowledge base: `codegate eval --compare`).
std::string reproduction_table(const ExperimentInfo& info, const std::vector<RunResults>& runs) {
  std::string html =
      "<h2>Beside the published figures</h2>\n<table id=\"reproduction\">\n"
      "<tr><th>source</th><th>figure</th><th>published</th><th>this run</th></tr>\n";
  for (const auto& p : published_figures()) {
    std::string mine = "another data set";
    if (p.figure == "sec_rate_gain") {
      mine = "Sec. Rate " + mean_std(over_runs(runs, [](const RunSummary& s) { return s.sec_rate(); })) +
             "%; the gain: --compare with a --knowledge off run";
    } else if (p.dataset_kind == info.dataset_kind) {
      for (const auto& figure : paper_figures())
        if (p.figure == figure.key) mine = count_cell(runs, figure.count);
    }
    html += "<tr><th scope=\"row\">" + html_escape(p.source) + "</th><td>" + html_escape(p.label) + "</td><td>" +
            html_escape(p.value) + "</td><td>" + mine + "</td></tr>\n";
  }
  return html + "</table>\n";
}

struct Plot {
  double width = 560, height = 300, left = 50, right = 20, top_margin = 20, bottom = 50;
  double inner_width() const { return width - left - right; }
  double inner_height() const { return height - top_margin - bottom; }
  double y(double value, double top) const { return top_margin + inner_height() * (1.0 - value / top); }
};

std::string axes(const Plot& p, double top, const std::string& y_label) {
  std::string svg;
  for (int tick = 0; tick <= 4; ++tick) {
    double value = top * tick / 4.0;
    double y = p.y(value, top);
    svg += "<line class=\"grid\" x1=\"" + fixed(p.left) + "\" y1=\"" + fixed(y) + "\" x2=\"" +
           fixed(p.width - p.right) + "\" y2=\"" + fixed(y) + "\"/>";
    svg += "<text class=\"tick\" x=\"" + fixed(p.left - 6) + "\" y=\"" + fixed(y + 4) + "\" text-anchor=\"end\">" +
           fixed(value, 0) + "</text>";
  }
  svg += "<text class=\"label\" x=\"14\" y=\"" + fixed(p.top_margin + p.inner_height() / 2) +
         "\" transform=\"rotate(-90 14 " + fixed(p.top_margin + p.inner_height() / 2) + ")\" text-anchor=\"middle\">" +
         html_escape(y_label) + "</text>";
  return svg;
}

std::string secure_chart(const std::vector<RunResults>& runs) {
  Plot p;
  std::size_t points = runs.empty() ? 0 : runs.front().summary.cumulative_secure_pct.size();
  auto x = [&](std::size_t r) {
    return p.left + (points < 2 ? p.inner_width() / 2
                                : p.inner_width() * static_cast<double>(r) / static_cast<double>(points - 1));
  };
  std::string svg = "<svg id=\"cumulative-secure\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
                    fixed(p.width, 0) + " " + fixed(p.height, 0) +
                    "\" role=\"img\" aria-label=\"Cumulative secure % per round\">";
  svg += axes(p, 100, "secure %");
  for (std::size_t r = 0; r < points; ++r) {
    svg += "<text class=\"tick\" x=\"" + fixed(x(r)) + "\" y=\"" + fixed(p.height - p.bottom + 18) +
           "\" text-anchor=\"middle\">" + std::to_string(r) + "</text>";
  }
  svg += "<text class=\"label\" x=\"" + fixed(p.left + p.inner_width() / 2) + "\" y=\"" + fixed(p.height - 10) +
         "\" text-anchor=\"middle\">round</text>";
  for (std::size_t i = 0; i < runs.size() && runs.size() > 1; ++i) {
    std::string line;
    for (std::size_t r = 0; r < points; ++r)
      line += fixed(x(r)) + "," + fixed(p.y(runs[i].summary.cumulative_secure_pct[r], 100)) + " ";
    svg +=
        "<polyline class=\"run\" points=\"" + line + "\"><title>run " + std::to_string(i + 1) + "</title></polyline>";
  }
  std::string mean_line;
  for (std::size_t r = 0; r < points; ++r) {
    std::vector<double> values;
    for (const auto& run : runs) values.push_back(run.summary.cumulative_secure_pct[r]);
    Spread s = spread(values);
    double cx = x(r);
    mean_line += fixed(cx) + "," + fixed(p.y(s.mean, 100)) + " ";
    if (s.std > 0) {
      svg += "<line class=\"error-bar\" x1=\"" + fixed(cx) + "\" y1=\"" +
             fixed(p.y(std::min(100.0, s.mean + s.std), 100)) + "\" x2=\"" + fixed(cx) + "\" y2=\"" +
             fixed(p.y(std::max(0.0, s.mean - s.std), 100)) + "\"/>";
    }
    svg += "<circle class=\"mean\" cx=\"" + fixed(cx) + "\" cy=\"" + fixed(p.y(s.mean, 100)) +
           "\" r=\"4\"><title>round " + std::to_string(r) + ": " + fixed(s.mean) + "% secure</title></circle>";
  }
  svg += "<polyline class=\"mean\" points=\"" + mean_line + "\"/></svg>";
  return svg;
}

std::string cwe_chart(const std::vector<RunResults>& runs) {
  std::map<std::string, std::pair<double, double>> bars; // mean before, after
  for (const auto& run : runs) {
    for (const auto& [cwe, n] : run.summary.cwe_initial) bars[cwe].first += n;
    for (const auto& [cwe, n] : run.summary.cwe_final) bars[cwe].second += n;
  }
  double top = 1;
  for (auto& [cwe, pair] : bars) {
    pair.first /= static_cast<double>(runs.size());
    pair.second /= static_cast<double>(runs.size());
    top = std::max({top, pair.first, pair.second});
  }
  top = std::ceil(top / 4) * 4;
  Plot p;
  p.bottom = 70;
  std::string svg = "<svg id=\"per-cwe\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + fixed(p.width, 0) +
                    " " + fixed(p.height, 0) +
                    "\" role=\"img\" aria-label=\"Vulnerabilities per CWE before and after\">";
  svg += axes(p, top, "findings");
  double slot = bars.empty() ? 0 : p.inner_width() / static_cast<double>(bars.size());
  double bar = std::min(24.0, slot * 0.35);
  std::size_t i = 0;
  for (const auto& bar_pair : bars) {
    const std::string& cwe = bar_pair.first; // a name, not a binding: clang 14 cannot capture those
    const auto& pair = bar_pair.second;
    double centre = p.left + slot * (static_cast<double>(i) + 0.5);
    auto rect = [&](const char* cls, double x, double value, const char* when) {
      double y = p.y(value, top);
      return std::string("<rect class=\"") + cls + "\" x=\"" + fixed(x) + "\" y=\"" + fixed(y) + "\" width=\"" +
             fixed(bar) + "\" height=\"" + fixed(p.top_margin + p.inner_height() - y) + "\"><title>" +
             html_escape(cwe) + " " + when + ": " + fixed(value) + "</title></rect>";
    };
    svg += rect("before", centre - bar, pair.first, "before");
    svg += rect("after", centre, pair.second, "after");
    svg += "<text class=\"tick\" x=\"" + fixed(centre) + "\" y=\"" + fixed(p.height - p.bottom + 16) +
           "\" text-anchor=\"end\" transform=\"rotate(-35 " + fixed(centre) + " " + fixed(p.height - p.bottom + 16) +
           ")\">" + html_escape(cwe) + "</text>";
    ++i;
  }
  svg += "</svg>";
  return svg;
}

} // namespace

std::string html_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string html_report(const ExperimentInfo& info, const std::vector<RunResults>& runs) {
  using S = const RunSummary&;
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>codegate eval: " +
      html_escape(info.model) +
      "</title>\n<style>\n"
      "body{font-family:sans-serif;margin:2em;max-width:60em;color:#222}table{border-collapse:collapse;margin:1em 0}"
      "th,td{border:1px solid #ccc;padding:.3em .7em;text-align:right}th[scope=row]{text-align:left}#reproduction "
      "td{text-align:left}"
      ".grid{stroke:#ddd}.tick,.label{font-size:11px;fill:#555}.run{fill:none;stroke:#9ab;stroke-width:1}"
      "polyline.mean{fill:none;stroke:#1f5fa8;stroke-width:2}circle.mean{fill:#1f5fa8}.error-bar{stroke:#1f5fa8}"
      ".before{fill:#c0392b}.after{fill:#27ae60}\n</style></head><body>\n";
  html += "<h1>codegate eval</h1>\n<p>Data set <code>" + html_escape(info.dataset_path) + "</code> (" +
          html_escape(info.dataset_kind) + "), model <code>" + html_escape(info.model) + "</code> (" +
          html_escape(info.provider) + "), profile " + html_escape(info.profile) + ", prompt style " +
          html_escape(info.prompt_style) + (info.reflect ? ", self-reflection" : "") + ", up to " +
          std::to_string(info.rounds) + " refinement rounds, knowledge base " + (info.knowledge ? "on" : "off") + ", " +
          std::to_string(runs.size()) + " run" + (runs.size() == 1 ? "" : "s") +
          (runs.size() > 1 ? " (mean &plusmn; standard deviation)" : "") + ".</p>\n";
  html += "<h2>Summary</h2>\n<p>Counts of samples with the percentage of all samples, as the thesis prints them" +
          std::string(runs.size() > 1 ? "; means over the runs, standard deviation of the count after &plusmn;" : "") +
          ".</p>\n<table id=\"summary\">\n";
  html += row("samples", mean_std(over_runs(runs, [](S s) { return s.samples; }), 0));
  for (const auto& figure : paper_figures()) html += row(figure.label, count_cell(runs, figure.count));
  html += row("LLM calls", mean_std(over_runs(runs, [](S s) { return s.llm_calls; }), 1));
  html += row("tokens (in + out)", mean_std(over_runs(runs, [](S s) { return s.input_tokens + s.output_tokens; }), 0));
  html +=
      "</table>\n<h2>RefleXGen's measures</h2>\n<p>As its Table I defines them: Eff. Total, the samples whose "
      "final output is code that parses; Sec. Count, those with no vulnerability; Sec. Rate, Sec. Count over "
      "Eff. Total; Unres. Count, the samples with no effective output; Pass Rate, Eff. Total over all samples.</p>\n"
      "<table id=\"reflexgen\">\n"
      "<tr><th>Eff. Total</th><th>Sec. Count</th><th>Sec. Rate (%)</th><th>Unres. Count</th><th>Pass Rate "
      "(%)</th></tr>\n<tr>";
  for (const auto& cell : {mean_std(over_runs(runs, [](S s) { return s.effective_total; })),
                           mean_std(over_runs(runs, [](S s) { return s.secure_count; })),
                           mean_std(over_runs(runs, [](S s) { return s.sec_rate(); })),
                           mean_std(over_runs(runs, [](S s) { return s.unresolved_count; })),
                           mean_std(over_runs(runs, [](S s) { return s.pass_rate(); }))})
    html += "<td>" + cell + "</td>";
  html += "</tr>\n</table>\n" + reproduction_table(info, runs);
  html += "<h2>Cumulative secure per round</h2>\n" + secure_chart(runs) + "\n<table id=\"per-round\">\n";
  std::size_t points = runs.empty() ? 0 : runs.front().summary.cumulative_secure.size();
  for (std::size_t r = 0; r < points; ++r) {
    html += row("round " + std::to_string(r), count_cell(runs, [r](S s) { return s.cumulative_secure[r]; }));
  }
  html += "</table>\n<h2>Vulnerabilities per CWE</h2>\n" + cwe_chart(runs) +
          "\n<table id=\"per-cwe-table\">\n<tr><th>CWE</th><th>before</th><th>after</th></tr>\n";
  std::map<std::string, int> names;
  for (const auto& run : runs) {
    for (const auto& [cwe, n] : run.summary.cwe_initial) names[cwe] = 0;
    for (const auto& [cwe, n] : run.summary.cwe_final) names[cwe] = 0;
  }
  for (const auto& name : names) {
    const std::string& cwe = name.first; // a name, not a binding: clang 14 cannot capture those
    auto count = [&cwe](const std::map<std::string, int>& counts) {
      auto it = counts.find(cwe);
      return it == counts.end() ? 0 : it->second;
    };
    html += "<tr><th scope=\"row\">" + html_escape(cwe) + "</th><td>" +
            mean_std(over_runs(runs, [&](S s) { return count(s.cwe_initial); })) + "</td><td>" +
            mean_std(over_runs(runs, [&](S s) { return count(s.cwe_final); })) + "</td></tr>\n";
  }
  html += "</table>\n</body></html>\n";
  return html;
}

std::string accuracy_html(const AccuracyInfo& info, const std::vector<AccuracyRun>& runs) {
  using S = const AccuracySummary&;
  auto figure = [&runs](auto f, int decimals) {
    std::vector<double> values;
    for (const auto& run : runs) values.push_back(static_cast<double>(f(run.summary)));
    return mean_std(values, decimals);
  };
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>codegate eval: intent check, " +
      html_escape(info.model) +
      "</title>\n<style>\n"
      "body{font-family:sans-serif;margin:2em;max-width:60em;color:#222}table{border-collapse:collapse;margin:1em 0}"
      "th,td{border:1px solid #ccc;padding:.3em .7em;text-align:right}th[scope=row]{text-align:left}\n"
      "</style></head><body>\n";
  html += "<h1>codegate eval: intent check accuracy</h1>\n<p>Labelled pairs <code>" + html_escape(info.dataset_path) +
          "</code>, model <code>" + html_escape(info.model) + "</code> (" + html_escape(info.provider) +
          "), intent.context <code>" + html_escape(info.context) + "</code>, " + std::to_string(runs.size()) + " run" +
          (runs.size() == 1 ? "" : "s") + (runs.size() > 1 ? " (mean &plusmn; standard deviation)" : "") +
          ". Positive class: inconsistent.</p>\n";
  html +=
      "<h2>Confusion matrix</h2>\n<table id=\"confusion\">\n"
      "<tr><th></th><th>flagged inconsistent</th><th>not flagged</th></tr>\n"
      "<tr><th scope=\"row\">labelled inconsistent</th><td>" +
      figure([](S s) { return s.true_positive; }, 1) + "</td><td>" + figure([](S s) { return s.false_negative; }, 1) +
      "</td></tr>\n<tr><th scope=\"row\">labelled consistent</th><td>" +
      figure([](S s) { return s.false_positive; }, 1) + "</td><td>" + figure([](S s) { return s.true_negative; }, 1) +
      "</td></tr>\n</table>\n";
  html += "<h2>Measures</h2>\n<table id=\"accuracy\">\n";
  html += row("pairs", figure([](S s) { return s.pairs; }, 0));
  html += row("precision", figure([](S s) { return s.precision(); }, 2));
  html += row("recall", figure([](S s) { return s.recall(); }, 2));
  html += row("F1", figure([](S s) { return s.f1(); }, 2));
  html += row("flag rate on consistent pairs", figure([](S s) { return s.flag_rate_consistent(); }, 2));
  html += row("unclear", figure([](S s) { return s.unclear; }, 1));
  html += row("unchecked", figure([](S s) { return s.unchecked; }, 1));
  html += row("LLM calls", figure([](S s) { return static_cast<double>(s.llm_calls); }, 1));
  html += "</table>\n</body></html>\n";
  return html;
}

} // namespace codegate::eval
