using Science.Models;

namespace Science.QgModel;

/// <summary>
/// The integration became non-finite or violated the CFL limit. Names the step, the model time and the field.
/// <see cref="LastGood"/> is the newest state that was finite and within the CFL limit.
/// </summary>
public sealed class QgBlowUpException : ModelBlowUpException
{
    /// <summary>Creates the exception.</summary>
    public QgBlowUpException(long step, double time, string field, string reason, QgState? lastGood = null)
        : base(step, time, field, reason)
    {
        LastGood = lastGood;
    }

    /// <summary>The last good state (finite, within the CFL limit), when the solver could provide it.</summary>
    public QgState? LastGood { get; }
}
