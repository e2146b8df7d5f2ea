namespace Science.Visualization;

/// <summary>
/// One panel of an L-curve chart: the outcome of a sparsity-threshold sweep for one model (e.g. one layer).
/// </summary>
/// <param name="Name">Panel title, e.g. "layer 1".</param>
/// <param name="Threshold">The sparsity thresholds swept (drawn on a logarithmic axis; non-positive ones are left out).</param>
/// <param name="Nmse">Normalised mean squared error of the fit at each threshold.</param>
/// <param name="TermCount">Number of active terms at each threshold.</param>
/// <param name="SelectedIndex">Index of the chosen threshold, marked on the chart, or null for none.</param>
public sealed record LCurvePanel(string Name, double[] Threshold, double[] Nmse, int[] TermCount, int? SelectedIndex);
