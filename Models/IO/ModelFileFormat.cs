using System.Reflection;
using Science.Models.Ks;
using Science.Models.Lorenz;
using Science.Models.Stepping;

namespace Science.Models.IO;

/// <summary>The attribute conventions of model files (those of the QG files: format, format_version, producer) and each model's parameters as attributes.</summary>
public static class ModelFileFormat
{
    /// <summary>The <c>format</c> attribute of a trajectory file.</summary>
    public const string TrajectoryFormat = "science-model-trajectory";

    /// <summary>The <c>format_version</c> this build writes and the newest it reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>"Science.Models &lt;informational version&gt;".</summary>
    public static string Producer { get; } = "Science.Models " + AssemblyVersion();

    /// <summary>Attribute names the format itself uses (parameters and provenance must not collide with them).</summary>
    public static IReadOnlySet<string> Reserved { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "format", "format_version", "producer", "model", "state_size", "snapshot_count", "complete",
    };

    /// <summary>
    /// The parameters of a known model as (name, value) attributes: Lorenz-96 n (int32), forcing, dt; Lorenz-63 sigma,
    /// rho, beta, dt; KS <see cref="KsParameters.ToNamedValues"/>; any other <see cref="TendencyModel"/> or model: dt.
    /// </summary>
    public static IReadOnlyList<(string Name, object Value)> ParametersOf(IDynamicalModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model switch
        {
            KuramotoSivashinsky ks => ks.Parameters.ToNamedValues(),
            TendencyModel { Tendency: Lorenz96Tendency t } m => [("n", t.Size), ("forcing", t.Forcing), ("dt", m.TimeStep)],
            TendencyModel { Tendency: Lorenz63Tendency t } m => [("sigma", t.Sigma), ("rho", t.Rho), ("beta", t.Beta), ("dt", m.TimeStep)],
            _ => [("dt", model.TimeStep)],
        };
    }

    private static string AssemblyVersion()
    {
        var asm = typeof(ModelFileFormat).Assembly;
        return asm.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? asm.GetName().Version?.ToString() ?? "unknown";
    }
}
