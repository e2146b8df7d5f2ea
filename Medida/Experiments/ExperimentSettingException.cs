namespace Science.Medida.Experiments;

/// <summary>
/// A setting of a <see cref="MedidaExperiment"/> is invalid or its file cannot be used. <see cref="Setting"/> names it
/// in the experiment's JSON vocabulary (<c>case</c>, <c>state</c>, <c>sensors</c>, <c>interpolator</c>, …) so that a
/// caller (the CLI) can name its own option; the inner exception holds the reason.
/// </summary>
public sealed class ExperimentSettingException(string setting, Exception inner)
    : Exception($"{setting}: {inner.Message}", inner)
{
    /// <summary>The offending setting.</summary>
    public string Setting { get; } = setting;
}
