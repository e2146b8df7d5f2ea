namespace Science.Models.Ensembles;

/// <summary>
/// The states of an ensemble, member-major: member m is the contiguous slice <c>[m·n, (m+1)·n)</c> of one buffer
/// (n = <see cref="StateSize"/>), with a status per member. The ensemble owns its buffer; spans returned by
/// <see cref="Member"/> are views into it.
/// </summary>
public sealed class Ensemble
{
    private readonly double[] _data;
    private readonly MemberStatus[] _status;

    /// <summary>An ensemble of <paramref name="members"/> zero states of length <paramref name="stateSize"/>.</summary>
    public Ensemble(int members, int stateSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(members, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stateSize, 1);
        Members = members;
        StateSize = stateSize;
        _data = new double[checked(members * stateSize)];
        _status = new MemberStatus[members];
        for (int m = 0; m < members; m++) _status[m] = MemberStatus.Healthy;
    }

    /// <summary>Number of members.</summary>
    public int Members { get; }
    /// <summary>Length of one member's state vector.</summary>
    public int StateSize { get; }
    /// <summary>All states, member-major (<c>[member, state]</c>).</summary>
    public Span<double> Data => _data;
    /// <summary>The status of each member (a blown-up member keeps its last good state).</summary>
    public IReadOnlyList<MemberStatus> Status => _status;
    /// <summary>Members whose status is healthy.</summary>
    public int HealthyMembers => _status.Count(s => s.IsHealthy);

    /// <summary>Member <paramref name="member"/>'s state (a view).</summary>
    public Span<double> Member(int member)
    {
        if ((uint)member >= (uint)Members) throw new ArgumentOutOfRangeException(nameof(member), member, $"member must be in [0, {Members - 1}]");
        return _data.AsSpan(member * StateSize, StateSize);
    }

    /// <summary>Sets the status of a member.</summary>
    public void SetStatus(int member, MemberStatus status)
    {
        if ((uint)member >= (uint)Members) throw new ArgumentOutOfRangeException(nameof(member), member, $"member must be in [0, {Members - 1}]");
        _status[member] = status ?? throw new ArgumentNullException(nameof(status));
    }

    /// <summary>The ensemble mean into <paramref name="mean"/> (length <see cref="StateSize"/>), over all members.</summary>
    public void Mean(Span<double> mean)
    {
        if (mean.Length != StateSize) throw new ArgumentException($"mean must have {StateSize} values", nameof(mean));
        mean.Clear();
        for (int m = 0; m < Members; m++) System.Numerics.Tensors.TensorPrimitives.Add(mean, Member(m), mean);
        System.Numerics.Tensors.TensorPrimitives.Multiply(mean, 1.0 / Members, mean);
    }

    /// <summary>A deep copy (states and statuses).</summary>
    public Ensemble Clone()
    {
        var c = new Ensemble(Members, StateSize);
        _data.CopyTo(c._data, 0);
        _status.CopyTo(c._status, 0);
        return c;
    }
}
