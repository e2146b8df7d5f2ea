namespace Science.Visualization;

/// <summary>
/// One panel of a coefficient bar chart: the coefficients found for one model (e.g. one layer),
/// optionally with their standard deviations and the expected (true) values.
/// </summary>
/// <param name="Name">Panel title, e.g. "layer 1".</param>
/// <param name="Labels">Term labels, one per bar group.</param>
/// <param name="Found">Identified coefficient of each term.</param>
/// <param name="FoundStd">Standard deviation of each identified coefficient (drawn as error bars), or null.</param>
/// <param name="Expected">Expected coefficient of each term, or null; NaN entries draw no bar.</param>
public sealed record CoefficientPanel(string Name, string[] Labels, double[] Found, double[]? FoundStd, double[]? Expected);
