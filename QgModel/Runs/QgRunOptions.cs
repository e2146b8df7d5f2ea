namespace Science.QgModel.Runs;

/// <summary>What a run writes besides its final state, and how often it reports.</summary>
public sealed record QgRunOptions
{
    /// <summary>Steps to take (≥ 1).</summary>
    public required long Steps { get; init; }
    /// <summary>Record a trajectory snapshot every this many steps (0 = no trajectory).</summary>
    public long SnapshotEvery { get; init; }
    /// <summary>Trajectory file; required when <see cref="SnapshotEvery"/> &gt; 0.</summary>
    public string? TrajectoryPath { get; init; }
    /// <summary>Write a checkpoint every this many steps (0 = none).</summary>
    public long CheckpointEvery { get; init; }
    /// <summary>Checkpoint file, rewritten atomically each time; required when <see cref="CheckpointEvery"/> &gt; 0.</summary>
    public string? CheckpointPath { get; init; }
    /// <summary>Record scalar diagnostics every this many steps (default: about 200 records per run).</summary>
    public long DiagnosticsEvery { get; init; }
    /// <summary>Provenance strings stored in every file the run writes.</summary>
    public IReadOnlyDictionary<string, string>? Provenance { get; init; }

    /// <summary>Checks the options and names the offending one.</summary>
    public QgRunOptions Validated()
    {
        if (Steps < 1) throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "steps must be ≥ 1");
        if (SnapshotEvery < 0) throw new ArgumentOutOfRangeException(nameof(SnapshotEvery), SnapshotEvery, "snapshot interval must be ≥ 0");
        if (SnapshotEvery > 0 && string.IsNullOrEmpty(TrajectoryPath)) throw new ArgumentException("a snapshot interval needs a trajectory file", nameof(TrajectoryPath));
        if (CheckpointEvery < 0) throw new ArgumentOutOfRangeException(nameof(CheckpointEvery), CheckpointEvery, "checkpoint interval must be ≥ 0");
        if (CheckpointEvery > 0 && string.IsNullOrEmpty(CheckpointPath)) throw new ArgumentException("a checkpoint interval needs a checkpoint file", nameof(CheckpointPath));
        if (DiagnosticsEvery < 0) throw new ArgumentOutOfRangeException(nameof(DiagnosticsEvery), DiagnosticsEvery, "diagnostics interval must be ≥ 0");
        return this;
    }
}
