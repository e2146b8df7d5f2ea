using System.Globalization;
using System.Numerics.Tensors;

namespace Science.Medida.Regression;

/// <summary>Settings of <see cref="EnsembleStlsq"/>.</summary>
/// <param name="Stlsq">The STLSQ settings used on every bootstrap resample.</param>
/// <param name="Bags">Number B of bootstrap resamples (rows drawn with replacement, n_s draws each).</param>
/// <param name="InclusionCut">Keep a term when its inclusion probability (fraction of bags selecting it) is ≥ this.</param>
/// <param name="Seed">Seed of the <see cref="Random"/> that draws one seed per bag; the result is deterministic for a
/// fixed seed, whatever the thread schedule.</param>
/// <param name="Parallel">Fit the bags in parallel (the result does not depend on it).</param>
public sealed record EnsembleStlsqSettings(StlsqSettings Stlsq, int Bags = 100, double InclusionCut = 0.6, int Seed = 0, bool Parallel = true);

/// <summary>
/// Bagged STLSQ (ensemble SINDy): fit STLSQ on B bootstrap resamples of the rows and report, per term, the inclusion
/// probability (fraction of bags whose support contains it), the median coefficient over the bags that selected it,
/// and the bootstrap spread (sample std over those bags) as <see cref="SparseFit.StandardDeviations"/>. The support
/// is the set of terms with inclusion ≥ <see cref="EnsembleStlsqSettings.InclusionCut"/>.
/// <para>
/// A resample is represented by its multiplicity weights w (a multinomial draw of n_s rows), so each bag needs only the
/// weighted Gram ΦᵀWΦ and ΦᵀWt (O(n_s·M²)), never a copy of Φ. The standardised threshold (when enabled) uses the
/// population stds of the full data for every bag. <see cref="SparseFit.Converged"/> is true when every bag's STLSQ
/// converged; <see cref="SparseFit.Iterations"/> is the largest number of least-squares solves of a bag.
/// </para>
/// </summary>
public sealed class EnsembleStlsq : ISparseRegressor
{
    /// <summary>Creates the regressor.</summary>
    /// <exception cref="ArgumentException">Bags &lt; 1 or an inclusion cut outside (0, 1].</exception>
    public EnsembleStlsq(EnsembleStlsqSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _ = new SequentialThresholdedLeastSquares(settings.Stlsq); // validates the STLSQ settings
        if (settings.Bags < 1) throw new ArgumentException("Bags must be at least 1", nameof(settings));
        if (!(settings.InclusionCut > 0 && settings.InclusionCut <= 1)) throw new ArgumentException("InclusionCut must be in (0, 1]", nameof(settings));
        Settings = settings;
    }

    /// <summary>The settings.</summary>
    public EnsembleStlsqSettings Settings { get; }

    /// <inheritdoc />
    public string Name => string.Create(CultureInfo.InvariantCulture,
        $"Ensemble{SequentialThresholdedLeastSquares.NameOf(Settings.Stlsq)}(B={Settings.Bags}, cut={Settings.InclusionCut:g3}, seed={Settings.Seed})");

    /// <inheritdoc />
    public SparseFit Fit(DesignMatrix phi, ReadOnlySpan<double> target) => Fit(new RegressionProblem(phi, target));

    /// <inheritdoc />
    public SparseFit Fit(RegressionProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        int n = problem.Rows, m = problem.Columns, bags = Settings.Bags;
        var master = new Random(Settings.Seed);
        var seeds = new int[bags];
        for (int b = 0; b < bags; b++) seeds[b] = master.Next();
        var scale = SequentialThresholdedLeastSquares.ThresholdScale(problem, Settings.Stlsq);
        var outcomes = new SequentialThresholdedLeastSquares.Outcome[bags];
        var design = problem.Design;
        var target = problem.Target.ToArray();

        void FitBag(int bag)
        {
            var rng = new Random(seeds[bag]);
            var w = new double[n];
            for (int i = 0; i < n; i++) w[rng.Next(n)] += 1;
            var gram = new double[m * m];
            var xty = new double[m];
            double tt = GramKernel.Compute(design, target, w, gram, xty);
            outcomes[bag] = SequentialThresholdedLeastSquares.Solve(gram, xty, m, tt, scale, Settings.Stlsq, problem.Labels);
        }

        if (Settings.Parallel) System.Threading.Tasks.Parallel.For(0, bags, FitBag);
        else for (int b = 0; b < bags; b++) FitBag(b);

        var inclusion = new double[m];
        var coefficients = new double[m];
        var stds = new double[m];
        var retained = new bool[m];
        var values = new List<double>(bags);
        for (int j = 0; j < m; j++)
        {
            values.Clear();
            foreach (var o in outcomes)
                if (o.Retained[j]) values.Add(o.Coefficients[j]);
            inclusion[j] = (double)values.Count / bags;
            if (values.Count == 0 || inclusion[j] < Settings.InclusionCut) continue;
            retained[j] = true;
            coefficients[j] = Median(values);
            stds[j] = SampleStd(values);
        }
        int failed = outcomes.Count(o => !o.Converged);
        string? reason = failed == 0 ? null : $"{failed} of {bags} bags did not converge (first: {outcomes.First(o => !o.Converged).Reason})";
        return new SparseFit(Name, problem.Labels, coefficients, retained, stds, failed == 0, outcomes.Max(o => o.Iterations),
            problem.Score(coefficients), reason, inclusionProbabilities: inclusion);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        int h = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[h] : 0.5 * (sorted[h - 1] + sorted[h]);
    }

    private static double SampleStd(List<double> values)
    {
        if (values.Count < 2) return 0;
        double mean = values.Average();
        double ss = values.Sum(v => (v - mean) * (v - mean));
        return Math.Sqrt(ss / (values.Count - 1));
    }
}
