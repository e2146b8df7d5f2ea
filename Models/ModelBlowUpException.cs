namespace Science.Models;

/// <summary>
/// An integration became non-finite or left the model's stability limit. The message names the step, the model time
/// and the field; the model keeps its last good state.
/// </summary>
public class ModelBlowUpException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="step">The step whose result was bad.</param>
    /// <param name="time">The model time of that step.</param>
    /// <param name="field">The offending field or diagnostic, e.g. "q1", "u", "CFL".</param>
    /// <param name="reason">What was wrong.</param>
    public ModelBlowUpException(long step, double time, string field, string reason)
        : base($"blow-up at step {step} (t = {time:G6}): {field} {reason}")
    {
        Step = step; Time = time; Field = field; Reason = reason;
    }

    /// <summary>The step whose result was bad.</summary>
    public long Step { get; }
    /// <summary>The model time of that step.</summary>
    public double Time { get; }
    /// <summary>The offending field, e.g. "q1" or "CFL".</summary>
    public string Field { get; }
    /// <summary>What was wrong.</summary>
    public string Reason { get; }
}
