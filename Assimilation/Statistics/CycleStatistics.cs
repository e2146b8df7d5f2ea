namespace Science.Assimilation.Statistics;

/// <summary>Scores of one observation cycle (state units; spreads with the N−1 variance).</summary>
/// <param name="Cycle">Cycle index k = 0 … K−1 (the analysis of cycle k is at step (k+1)·dko).</param>
/// <param name="Time">Model time of the analysis (model time units).</param>
/// <param name="RmseForecast">RMSE of the forecast ensemble mean.</param>
/// <param name="RmseAnalysis">RMSE of the analysis ensemble mean.</param>
/// <param name="SpreadForecast">Forecast spread √(mean_j var_j).</param>
/// <param name="SpreadAnalysis">Analysis spread √(mean_j var_j).</param>
public readonly record struct CycleStatistics(int Cycle, double Time, double RmseForecast, double RmseAnalysis, double SpreadForecast, double SpreadAnalysis);
