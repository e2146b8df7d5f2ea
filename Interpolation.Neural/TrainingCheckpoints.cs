namespace Science.Interpolation.Neural;

/// <summary>
/// Looks at a network during its training: after each listed Adam step, <see cref="Visit"/> receives the step and a
/// view of the network as it is then (its <see cref="NeuralField.Report"/> holds the loss log so far). The view shares
/// the network being trained: predict with it inside the callback, do not keep or dispose it.
/// </summary>
/// <param name="Steps">Adam steps after which to call <see cref="Visit"/> (1-based; others are ignored).</param>
/// <param name="Visit">Called on the training thread; training waits for it.</param>
public sealed record TrainingCheckpoints(IReadOnlyCollection<int> Steps, Action<int, NeuralField> Visit);
