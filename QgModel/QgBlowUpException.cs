namespace Science.QgModel;

/// <summary>
/// The integration became non-finite or violated the CFL limit. Names the step, the model time and the field.
/// <see cref="LastGood"/> is the newest state that was finite and within the CFL limit.
/// </summary>
public sealed class QgBlowUpException : Exception
{
    /// <summary>Creates the exception.</summary>
    public QgBlowUpException(long step, double time, string field, string reason, QgState? lastGood = null)
        : base($"blow-up at step {step} (t = {time:G6}): {field} {reason}")
    {
        Step = step; Time = time; Field = field; Reason = reason; LastGood = lastGood;
    }

    /// <summary>The last good state (finite, within the CFL limit), when the solver could provide it.</summary>
    public QgState? LastGood { get; }

    /// <summary>The step whose result was bad.</summary>
    public long Step { get; }
    /// <summary>The model time of that step.</summary>
    public double Time { get; }
    /// <summary>The offending field, e.g. "q1" or "CFL".</summary>
    public string Field { get; }
    /// <summary>What was wrong.</summary>
    public string Reason { get; }
}
