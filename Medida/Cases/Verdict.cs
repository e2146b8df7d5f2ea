namespace Science.Medida.Cases;

/// <summary>How a discovered support compares with the known answer.</summary>
public enum Verdict
{
    /// <summary>Exactly the expected terms were selected (written "exact support").</summary>
    ExactSupport,
    /// <summary>An expected term was not selected (written "missing").</summary>
    Missing,
    /// <summary>All expected terms were selected, plus others (written "spurious").</summary>
    Spurious,
}

/// <summary>The words of <see cref="Verdict"/> in reports and on the command line (a file-format contract).</summary>
public static class VerdictText
{
    /// <summary>"exact support", "missing" or "spurious".</summary>
    public static string ToText(this Verdict verdict) => verdict switch
    {
        Verdict.ExactSupport => "exact support",
        Verdict.Missing => "missing",
        Verdict.Spurious => "spurious",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "unknown verdict"),
    };
}
