using Science.Assimilation.Experiments;
using Science.Assimilation.Methods;

namespace Science.Assimilation.Presets;

/// <summary>A paper's twin experiment with its tuned methods and their published scores (DAPPER's <c>mods/*</c> files).</summary>
/// <param name="Name">The preset name, e.g. "l96-sakov2008".</param>
/// <param name="Source">Where it comes from (paper and DAPPER file).</param>
/// <param name="Experiment">The experiment.</param>
/// <param name="DefaultMethod">The method run when none is chosen (the first benchmark's).</param>
/// <param name="Benchmarks">Published scores.</param>
public sealed record Preset(string Name, string Source, TwinExperiment Experiment, EnsembleMethod DefaultMethod, IReadOnlyList<PresetBenchmark> Benchmarks)
{
    /// <summary>The published rmse_a of the benchmark whose settings equal <paramref name="method"/>, or null.</summary>
    public double? ExpectedRmseA(EnsembleMethod method) => Benchmarks.FirstOrDefault(b => b.Method == method)?.ExpectedRmseA;
}
