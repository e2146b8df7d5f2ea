namespace Science.Models;

/// <summary>How a model with several time levels (leapfrog) takes a state set from outside, e.g. an analysis.</summary>
public enum LevelUpdate
{
    /// <summary>Forget the history: every level is set to the new state and the next step is a forward (start-up) step.</summary>
    Restart,

    /// <summary>
    /// Keep the leapfrog going: the difference between the new state and the current one is added to every level, so
    /// the previous level moves with the analysis and the next step is a leapfrog step. A zero difference leaves the
    /// model exactly (bit for bit) as it was.
    /// </summary>
    Continue,
}

/// <summary>A model with more than one time level (the two-layer QG model's leapfrog), which an analysis can either
/// restart or continue.</summary>
public interface IMultiLevelModel : IDynamicalModel
{
    /// <summary>Sets the current state and updates the older levels as <paramref name="update"/> says.</summary>
    void SetState(ReadOnlySpan<double> state, LevelUpdate update);

    /// <summary>Sets both time levels (previous = one step before current) and continues the leapfrog from them.</summary>
    void SetLevels(ReadOnlySpan<double> previous, ReadOnlySpan<double> current, double time = 0, long step = 0);

    /// <summary>Copies the previous time level (one step before the current state) without allocating.</summary>
    void CopyPreviousState(Span<double> destination);
}
