using System.Globalization;
using System.Text;
using Science.Medida.Cases;
using Science.Medida.Discovery;
using Science.Medida.Library;

namespace Science.Medida.Reports;

/// <summary>Readable equations and comparison tables for the terminal.</summary>
public static class EquationText
{
    /// <summary>"Σ c_j φ_j" with ± std, e.g. "−0.10011(±2e−05) ψ1 + 0.10026 ψ2".</summary>
    public static string Format(IEnumerable<(string Symbol, double Coefficient, double? Std)> terms, bool withStd = true)
    {
        var sb = new StringBuilder();
        foreach (var (symbol, c, std) in terms)
        {
            string sign = c < 0 ? (sb.Length > 0 ? "− " : "−") : sb.Length > 0 ? "+ " : "";
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(sign).Append(Math.Abs(c).ToString("G5", CultureInfo.InvariantCulture));
            if (withStd && std is double s && s > 0) sb.Append("(±").Append(s.ToString("G2", CultureInfo.InvariantCulture)).Append(')');
            sb.Append(' ').Append(symbol);
        }
        return sb.Length == 0 ? "0" : sb.ToString();
    }

    /// <summary>The discovered equations next to the known answer, with the verdict, as lines of text.</summary>
    public static string Describe(DiscoveryReport report)
    {
        var sb = new StringBuilder();
        var c = report.Case;
        sb.AppendLine(CultureInfo.InvariantCulture, $"case {c.Id} ({c.Name}): {c.Description}");
        foreach (var layer in report.Layers)
        {
            // QG's prognostic field is the PV q_k of layer k; a one-field model's (KS) is u.
            string lhs = c.ModelName == "qg" ? $"model error in ∂t q{layer.Number}" : "model error in ∂t u";
            if (layer.NoError) sb.AppendLine(CultureInfo.InvariantCulture, $"  layer {layer.Number}: {lhs} = 0   (no model error: {layer.NoErrorReason})");
            else
                sb.AppendLine(CultureInfo.InvariantCulture,
                    $"  layer {layer.Number}: {lhs} ≈ {Format(layer.Terms.Select(t => (t.Symbol, t.Coefficient, t.Std)))}   (nMSE {layer.Nmse:E2})");
            if (report.Expected is { } e)
            {
                var truth = e.ForLayer(layer.Index).Select(t => (Symbol(t.Label), t.Coefficient, (double?)null));
                sb.AppendLine(CultureInfo.InvariantCulture, $"  {"",8} truth{new string(' ', lhs.Length - 5)} = {Format(truth, false)}");
                if (layer.Comparison is { } cmp)
                {
                    string detail = cmp.Verdict switch
                    {
                        Verdict.Missing => $"missing {string.Join(", ", cmp.Missing)}" + (cmp.Spurious.Count > 0 ? $"; spurious {string.Join(", ", cmp.Spurious)}" : ""),
                        Verdict.Spurious => $"spurious {string.Join(", ", cmp.Spurious)}",
                        _ => "exact support",
                    };
                    sb.AppendLine(CultureInfo.InvariantCulture, $"  {"",8} verdict: {detail}; max relative coefficient error {cmp.MaxRelativeError:P3}");
                }
            }
        }
        if (report.Verdict is { } v) sb.AppendLine(CultureInfo.InvariantCulture, $"verdict: {v.ToText()}");
        return sb.ToString();
    }

    private static string Symbol(string label)
    {
        try
        {
            return CandidateLibrary.Find(label).Symbol;
        }
        catch (ArgumentException)
        {
            return label;
        }
    }
}
