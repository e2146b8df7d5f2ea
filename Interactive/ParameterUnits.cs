namespace Science.Interactive;

/// <summary>
/// Units of the QG parameters by their settable name (<c>QgParameters.ToNamedValues</c>). The model is
/// non-dimensional: L is the deformation radius, T the advective time unit of the paper.
/// </summary>
internal static class ParameterUnits
{
    private static readonly Dictionary<string, string> Units = new()
    {
        ["beta"] = "1/(L·T)",
        ["tau_d1"] = "1/T (rate)",
        ["tau_d2"] = "1/T (rate)",
        ["tau_f"] = "1/T (rate)",
        ["nu"] = "L⁸/T",
        ["sigma"] = "L",
        ["c_jacobian"] = "1",
        ["u1"] = "L/T",
        ["dt"] = "T",
        ["robert"] = "1",
        ["h1"] = "1/T",
        ["h2"] = "1/T",
        ["h3"] = "1/T",
        ["h4"] = "1/T",
        ["topography_fixed"] = "flag",
        ["periodic_pv"] = "flag",
    };

    /// <summary>The unit of a parameter, or "" when unknown.</summary>
    public static string Of(string name) => Units.GetValueOrDefault(name, "");
}
