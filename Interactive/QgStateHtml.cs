using Science.QgModel;
using Science.QgModel.Spectral;

namespace Science.Interactive;

/// <summary>
/// The HTML view of a <see cref="QgState"/>: grid, step, time and the diagnostics of <see cref="QgDiagnostics"/>
/// (kinetic energy and max |q| per layer, CFL number at the truth's Δt), then a static map of ψ for each layer.
/// </summary>
internal static class QgStateHtml
{
    /// <summary>Writes the table and the maps.</summary>
    public static void Write(QgState state, TextWriter writer)
    {
        double dt = QgParameters.Truth.Dt;
        QgSummary summary;
        using (var spectral = new QgSpectral(state.Grid)) summary = new QgDiagnostics(spectral).Summarize(state, dt);
        var grid = state.Grid;
        var table = new HtmlTable("QG state", "quantity", "value", "unit")
            .Row("grid (nx × ny)", $"{grid.Nx} × {grid.Ny}", "points")
            .Row("domain (Lx × Ly)", $"{HtmlTable.Number(grid.Lx)} × {HtmlTable.Number(grid.Ly)}", "L")
            .Row("step", state.Step.ToString(System.Globalization.CultureInfo.InvariantCulture), "")
            .Row("time t", HtmlTable.Number(state.Time), "T")
            .Row("KE1 (upper layer)", HtmlTable.Number(summary.Ke1, "E4"), "L²/T²")
            .Row("KE2 (lower layer)", HtmlTable.Number(summary.Ke2, "E4"), "L²/T²")
            .Row("max |q1|", HtmlTable.Number(summary.MaxAbsQ1, "F4"), "1/T")
            .Row("max |q2|", HtmlTable.Number(summary.MaxAbsQ2, "F4"), "1/T")
            .Row($"CFL at Δt = {HtmlTable.Number(dt)}", HtmlTable.Number(summary.Cfl, "F4"), "1");
        writer.Write(table.ToString());

        double[] x = grid.X.ToArray(), y = grid.Y.ToArray();
        writer.Write("<div style=\"display:flex;flex-wrap:wrap;gap:8px\">");
        for (int layer = 0; layer < 2; layer++)
            writer.Write(InlineImage.Map($"ψ{layer + 1}, t = {HtmlTable.Number(state.Time)}", x, y, state.PsiLayer(layer).ToArray(), 330, 480));
        writer.Write("</div>");
    }
}
