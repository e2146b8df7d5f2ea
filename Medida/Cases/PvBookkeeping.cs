namespace Science.Medida.Cases;

/// <summary>Which β and R define the PV of the observation and of the forecast in the increment (spec §4.1, §4.3).</summary>
public enum PvBookkeeping
{
    /// <summary>
    /// The reference: the forecast starts from PV built with the truth β and the model R; the observation PV uses the
    /// truth β and R, the forecast PV the truth β and the model R. A β error then appears as −Δβ·y/Δt (case 1009).
    /// </summary>
    Reference,

    /// <summary>
    /// Both PVs (and the forecast's initial PV) use the model's own β and R: increments in model variables.
    /// A β error then appears as −Δβ·∂xψ.
    /// </summary>
    Consistent,
}
