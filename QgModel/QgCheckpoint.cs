using Science.QgModel.Spectral;

namespace Science.QgModel;

/// <summary>
/// Everything a leapfrog restart needs, so that N steps + checkpoint + N resumed steps equal 2N steps bit for bit:
/// the raw spectral prognostic PV of both time levels (level 0 = n − 1, Robert-filtered; level 1 = n), exactly as the
/// solver holds it (including the non-Hermitian content that irfft2 discards, spec quirk 6), and the counters.
/// </summary>
public sealed record QgCheckpoint
{
    /// <summary>The grid.</summary>
    public required Grid Grid { get; init; }
    /// <summary>The model parameters of the run.</summary>
    public required QgParameters Parameters { get; init; }
    /// <summary>The reference's call counter i of the run (≥ 1); the next step is call i.</summary>
    public required long CallIndex { get; init; }
    /// <summary>Step count since the start of the experiment.</summary>
    public required long Step { get; init; }
    /// <summary>Model time of level 1.</summary>
    public required double Time { get; init; }
    /// <summary>Spectral prognostic PV of level 0, per layer.</summary>
    public required SpectralField[] Previous { get; init; }
    /// <summary>Spectral prognostic PV of level 1, per layer.</summary>
    public required SpectralField[] Current { get; init; }
}
