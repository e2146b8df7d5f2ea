using BenchmarkDotNet.Attributes;
using Science.Medida.Regression;

namespace Science.Bench;

/// <summary>
/// The 16-threshold RVM sweep of spec §6.4 on a stacked-snapshot-sized layer: 42,560 rows × 14 columns
/// (LEN_LOOP = 5 at 8,512 rows per snapshot). The synthetic layer mimics case 1001: three ±0.1 terms, noise at
/// nMSE ≈ 1e−5, mildly correlated columns of mixed scale. Here every threshold converges (≤ 179 iterations);
/// <see cref="SweepAllIterations"/> measures the worst case where no fit converges.
/// <c>dotnet run -c Release --project bench -- --filter '*Regression*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class RegressionBenchmarks
{
    private DesignMatrix _phi = null!;
    private double[] _target = null!;
    private RegressionProblem _problem = null!;

    /// <summary>Rows n_s.</summary>
    public const int Rows = 42_560;

    /// <summary>Columns M.</summary>
    public const int Columns = 14;

    /// <summary>Run the 16 fits in parallel (default) or on one thread.</summary>
    [Params(true, false)]
    public bool Parallel { get; set; }

    /// <summary>Builds the synthetic layer.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(2024);
        var raw = new double[Columns][];
        for (int j = 0; j < Columns; j++)
        {
            raw[j] = new double[Rows];
            for (int i = 0; i < Rows; i++) raw[j][i] = Gaussian(rng);
        }
        var cols = new (string, double[])[Columns];
        for (int j = 0; j < Columns; j++)
        {
            double scale = j % 3 == 0 ? 10 : j % 3 == 1 ? 1 : 0.1;
            var c = new double[Rows];
            for (int i = 0; i < Rows; i++) c[i] = scale * (raw[j][i] + 0.3 * raw[(j + 1) % Columns][i]);
            cols[j] = ($"term{j}", c);
        }
        _phi = new DesignMatrix(cols);
        _target = new double[Rows];
        for (int i = 0; i < Rows; i++)
            _target[i] = -0.1 * cols[4].Item2[i] + 0.1 * cols[5].Item2[i] + 0.1 * cols[7].Item2[i] + 5e-4 * Gaussian(rng);
        _problem = new RegressionProblem(_phi, _target);
    }

    /// <summary>Preparation (ΦᵀΦ, Φᵀt, QR of [Φ t]) plus the 16 RVM fits: the cost of one layer's sweep.</summary>
    [Benchmark(Baseline = true)]
    public SweepResult SweepIncludingPreparation() =>
        new ThresholdSweep(th => new RelevanceVectorMachine(th), ThresholdSweep.DefaultRvmThresholds) { RunInParallel = Parallel }
            .Run(new RegressionProblem(_phi, _target));

    /// <summary>The 16 RVM fits on an already prepared problem.</summary>
    [Benchmark]
    public SweepResult SweepPrepared() =>
        new ThresholdSweep(th => new RelevanceVectorMachine(th), ThresholdSweep.DefaultRvmThresholds) { RunInParallel = Parallel }.Run(_problem);

    /// <summary>
    /// Upper bound for this layer: tol = 0, so no fit ever converges and each of the 16 runs all 3000 iterations
    /// (what a layer whose fits all fail to converge costs, e.g. a perfect-model layer).
    /// </summary>
    [Benchmark]
    public SweepResult SweepAllIterations() =>
        new ThresholdSweep(th => new RelevanceVectorMachine(new RelevanceVectorSettings(th, Tolerance: 0)), ThresholdSweep.DefaultRvmThresholds) { RunInParallel = Parallel }
            .Run(_problem);

    /// <summary>Only the preparation (Gram and QR), O(n_s·M²).</summary>
    [Benchmark]
    public RegressionProblem Preparation() => new(_phi, _target);

    private static double Gaussian(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
