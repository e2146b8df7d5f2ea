using Science.Assimilation.Methods;

namespace Science.Assimilation.Presets;

/// <summary>A published (DAPPER) score of a method on a preset, kept as data beside the preset.</summary>
/// <param name="Label">DAPPER's call, e.g. "EnKF('Sqrt', N=24, infl=1.013, rot=True)".</param>
/// <param name="Method">The same settings in this toolkit.</param>
/// <param name="ExpectedRmseA">DAPPER's listed time-mean analysis RMSE.</param>
/// <param name="Tolerance">The accepted |mean over seeds − expected| for a 1000-cycle parity run.</param>
public sealed record PresetBenchmark(string Label, EnsembleMethod Method, double ExpectedRmseA, double Tolerance);
