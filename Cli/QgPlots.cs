using Science.QgModel;
using Science.QgModel.Runs;
using Science.Visualization;

namespace Science.Cli;

/// <summary>The standard charts of a QG run, as standalone HTML files in one folder.</summary>
internal static class QgPlots
{
    public static IReadOnlyList<string> Write(string directory, QgSolver solver, QgRunResult result)
    {
        Directory.CreateDirectory(directory);
        var g = solver.Grid;
        var state = solver.Current;
        var diagnostics = new QgDiagnostics(solver.Spectral);
        var written = new List<string>();
        string P(string name)
        {
            string path = Path.Combine(directory, name);
            written.Add(path);
            return path;
        }

        var time = result.Diagnostics.Select(d => d.Time).ToArray();
        Charts.TimeSeries(P("energy.html"), "Kinetic energy per layer", time,
            [("KE1 (upper)", result.Diagnostics.Select(d => d.Ke1).ToArray()), ("KE2 (lower)", result.Diagnostics.Select(d => d.Ke2).ToArray())],
            "time", "kinetic energy 0.5·mean(u²+v²)");
        Charts.TimeSeries(P("cfl.html"), "CFL number", time, [("CFL", result.Diagnostics.Select(d => d.Cfl).ToArray())], "time", "Δt(max|u|/dx + max|v|/dy)");
        Charts.Profiles(P("zonal_wind.html"), $"Zonal-mean zonal wind at t = {state.Time:F2}", g.Y.ToArray(),
            [("u1", diagnostics.ZonalMeanWind(state, 0)), ("u2", diagnostics.ZonalMeanWind(state, 1))], "u (zonal mean)", "y");
        var (centres, iso1, _) = diagnostics.EnergySpectra(state, 0);
        var (_, iso2, _) = diagnostics.EnergySpectra(state, 1);
        Charts.Spectra(P("ke_spectrum.html"), "Isotropic kinetic-energy spectrum", centres[1..], [("layer 1", iso1[1..]), ("layer 2", iso2[1..])],
            "K = |k|", "KE density");
        var k = Enumerable.Range(0, g.Nk).Select(m => (double)m).ToArray();
        Charts.Spectra(P("zonal_amplitude_spectrum.html"), "Zonal amplitude spectrum of ψ, jet core (spec §9.5)", k[1..],
            [("ψ1", QgDiagnostics.ZonalAmplitudeSpectrum(g, state.PsiLayer(0))[1..]), ("ψ2", QgDiagnostics.ZonalAmplitudeSpectrum(g, state.PsiLayer(1))[1..])],
            "zonal wavenumber index m", "mean |rfft_x ψ|");
        Charts.Maps(P("maps.html"), $"State at t = {state.Time:F2}", g.X.ToArray(), g.Y.ToArray(),
            [("ψ1", state.PsiLayer(0).ToArray()), ("ψ2", state.PsiLayer(1).ToArray()), ("q1", state.QLayer(0).ToArray()), ("q2", state.QLayer(1).ToArray())]);
        return written;
    }
}
