namespace Science.Visualization;

/// <summary>Argument checks shared by the chart writers; every failure names the offending parameter.</summary>
internal static class Guard
{
    /// <summary>Checks that an output path is a non-blank string.</summary>
    public static void Path(string path, string paramName)
    {
        ArgumentNullException.ThrowIfNull(path, paramName);
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("The output path must not be empty.", paramName);
        }
    }

    /// <summary>Checks that an array is not null and not empty.</summary>
    public static void NonEmpty<T>(T[] values, string paramName)
    {
        ArgumentNullException.ThrowIfNull(values, paramName);
        if (values.Length == 0)
        {
            throw new ArgumentException("The array must not be empty.", paramName);
        }
    }

    /// <summary>Checks that a list is not null, not empty and holds no null entries.</summary>
    public static void NonEmptyList<T>(IReadOnlyList<T> items, string paramName)
    {
        ArgumentNullException.ThrowIfNull(items, paramName);
        if (items.Count == 0)
        {
            throw new ArgumentException("At least one entry is required.", paramName);
        }

        for (int i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                throw new ArgumentException($"Entry {i} is null.", paramName);
            }
        }
    }

    /// <summary>
    /// Checks that <paramref name="values"/> (described by <paramref name="what"/>) is not null and has
    /// <paramref name="expected"/> elements.
    /// </summary>
    public static void Length<T>(T[]? values, int expected, string what, string paramName)
    {
        if (values is null)
        {
            throw new ArgumentException($"{what} is null.", paramName);
        }

        if (values.Length != expected)
        {
            throw new ArgumentException(
                $"{what} has {values.Length} values but {expected} were expected.", paramName);
        }
    }

    /// <summary>
    /// Checks every named series: not null, named, and as long as the shared abscissa
    /// (<paramref name="expected"/> values, described by <paramref name="axisName"/>).
    /// </summary>
    public static void Series(IReadOnlyList<(string Name, double[] Values)> series, int expected, string axisName, string paramName)
    {
        ArgumentNullException.ThrowIfNull(series, paramName);
        if (series.Count == 0)
        {
            throw new ArgumentException("At least one series is required.", paramName);
        }

        for (int i = 0; i < series.Count; i++)
        {
            var (name, values) = series[i];
            if (name is null)
            {
                throw new ArgumentException($"Series {i} has no name.", paramName);
            }

            if (values is null)
            {
                throw new ArgumentException($"Series {i} ('{name}') has no values.", paramName);
            }

            if (values.Length != expected)
            {
                throw new ArgumentException(
                    $"Series {i} ('{name}') has {values.Length} values but {axisName} has {expected}.", paramName);
            }
        }
    }
}
