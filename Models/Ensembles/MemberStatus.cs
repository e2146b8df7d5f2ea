namespace Science.Models.Ensembles;

/// <summary>How an ensemble member is doing: healthy, or blown up at a step (with the reason).</summary>
/// <param name="IsHealthy">False once the member blew up; it then keeps its last good state and is not advanced.</param>
/// <param name="Step">The step at which it blew up (−1 when healthy).</param>
/// <param name="Message">The blow-up message (step, time, field), or null.</param>
public sealed record MemberStatus(bool IsHealthy, long Step, string? Message)
{
    /// <summary>A healthy member.</summary>
    public static MemberStatus Healthy { get; } = new(true, -1, null);

    /// <summary>The status after <paramref name="e"/>.</summary>
    public static MemberStatus BlownUp(ModelBlowUpException e) => new(false, e.Step, e.Message);
}
