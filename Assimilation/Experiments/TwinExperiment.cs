using Science.Observing;

namespace Science.Assimilation.Experiments;

/// <summary>
/// A twin experiment in DAPPER's shape (<c>HiddenMarkovModel(Dyn, Obs, tseq, X0)</c>): the dynamics, the observation
/// operator H and its noise R, the chronology, the initial distribution, and (for local methods) where the state and
/// the observations sit. The truth is a free run of the dynamics from one draw of X0; y = Hx + ε at every cycle.
/// </summary>
/// <param name="Name">The experiment name (a preset name such as "l96-sakov2008", or a free name).</param>
/// <param name="Dynamics">The model.</param>
/// <param name="Observation">H.</param>
/// <param name="Noise">R (diagonal).</param>
/// <param name="Chronology">Time line.</param>
/// <param name="X0">Initial distribution of truth and ensemble.</param>
/// <param name="Domain">State and observation positions and batches for localisation, or null.</param>
public sealed record TwinExperiment(string Name, ModelSpec Dynamics, IObservationOperator Observation, ObservationError Noise, Chronology Chronology,
    InitialDistribution X0, LocalisationDomain? Domain = null)
{
    /// <summary>
    /// Checks that the pieces fit: H accepts the model's state, R has one σ per observation, x0 has the model's size.
    /// Returns the model's state size.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A piece does not fit, naming it and the expected size.</exception>
    public int Validate()
    {
        int n;
        using (var model = Dynamics.Factory()) n = model.StateSize;
        if (Observation.StateSize != n)
            throw new ArgumentOutOfRangeException(nameof(Observation), Observation.StateSize, $"the observation operator takes states of {Observation.StateSize} values; the {Dynamics.Name} model has {n}");
        if (Noise.Size != Observation.ObservationSize)
            throw new ArgumentOutOfRangeException(nameof(Noise), Noise.Size, $"R must have one standard deviation per observation ({Observation.ObservationSize})");
        if (X0.Size != n)
            throw new ArgumentOutOfRangeException(nameof(X0), X0.Size, $"x0 must have the model's {n} values");
        if (Domain is not null && (Domain.StatePositions.Count != n || Domain.ObservationPositions.Count != Observation.ObservationSize))
            throw new ArgumentOutOfRangeException(nameof(Domain), "the localisation domain must have one position per state variable and per observation");
        return n;
    }
}
