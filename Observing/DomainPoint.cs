namespace Science.Observing;

/// <summary>A position in the model domain, in grid-point units (Y = 0 on a 1-D ring).</summary>
/// <param name="X">Coordinate along the first axis (grid points).</param>
/// <param name="Y">Coordinate along the second axis (grid points; 0 in 1-D).</param>
public readonly record struct DomainPoint(double X, double Y = 0);
