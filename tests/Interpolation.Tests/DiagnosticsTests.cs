using Science.Interpolation.Diagnostics;
using Science.QgModel;
using static Science.Interpolation.Tests.InterpolationTestData;

namespace Science.Interpolation.Tests;

/// <summary>Spec §9.5 diagnostics.</summary>
public sealed class DiagnosticsTests
{
    [Fact]
    public void Zonal_amplitude_spectrum_follows_the_spec_convention()
    {
        var grid = Grid.Default;
        var psi = new double[2 * grid.RealSize];
        for (int j = 0; j < grid.Ny; j++)
            for (int i = 0; i < grid.Nx; i++)
            {
                psi[j * grid.Nx + i] = Math.Cos(2 * Math.PI * 5 * grid.X[i] / grid.Lx);
                psi[grid.RealSize + j * grid.Nx + i] = 1;
            }
        var estimate = (double[])psi.Clone();
        for (int p = 0; p < grid.RealSize; p++) estimate[p] *= 0.5;
        var d = InterpolationDiagnostics.Compute(SensorLayout.Full(grid), psi, estimate, "half");
        Assert.Equal(48, d.Layers[0].TruthSpectrum[5], 9);
        Assert.Equal(24, d.Layers[0].EstimateSpectrum[5], 9);
        Assert.Equal(0.5, d.Layers[0].PsiError, 12);
        Assert.Equal(0.5, d.Layers[0].LaplacianError, 12);
        Assert.Equal(0, d.Layers[1].PsiError);
        Assert.Equal([(1, 10), (11, 20), (21, 30), (31, 40), (41, 48)], d.Layers[0].Bands.Select(b => (b.From, b.To)));
        Assert.Equal(0.5, d.Layers[0].Bands[0].Ratio, 9); // the m = 5 band only has the cosine... and round-off elsewhere
    }

    [Fact]
    public void Identical_fields_score_one_and_the_record_round_trips_through_json()
    {
        var layout = Layout(0.5);
        var d = InterpolationDiagnostics.Compute(layout, Truth.Psi, Truth.Psi, "exact", seconds: 1.5);
        Assert.All(d.Layers, l =>
        {
            Assert.Equal(0, l.PsiError);
            Assert.Equal(0, l.LaplacianError);
            Assert.Equal(0, l.SensorMaxError);
            Assert.All(l.Bands, b => Assert.Equal(1, b.Ratio, 12));
        });
        string json = d.ToJson();
        Assert.Contains("\"laplacian_error\"", json);
        Assert.Contains("\"truth_spectrum\"", json);
        var back = InterpolationDiagnostics.FromJson(json);
        Assert.Equal(d.Sensors, back.Sensors);
        Assert.Equal(d.Layers[1].TruthSpectrum, back.Layers[1].TruthSpectrum);
        Assert.Equal(d.Layers[0].Bands, back.Layers[0].Bands);
    }
}
