namespace Science.Numerics.IO;

/// <summary>
/// A data file (model state, trajectory, increment, report) could not be read or written: the file is missing, is not HDF5 or is damaged, lacks a dataset or
/// attribute, or holds one of the wrong type, rank or shape. The <see cref="Exception.Message"/> is one line that
/// names the file, the dataset or attribute, and what was expected versus found, e.g.
/// <c>state.h5: dataset /psi has shape [2, 100, 96]; expected [2, 192, 96] for the 96×192 grid</c>.
/// </summary>
public sealed class DataFileException : Exception
{
    /// <summary>Creates the exception for <paramref name="filePath"/>; the message becomes <c>"{filePath}: {problem}"</c>.</summary>
    /// <param name="filePath">The file as the caller named it.</param>
    /// <param name="problem">What is wrong, naming the dataset or attribute and expected versus found.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public DataFileException(string filePath, string problem, Exception? innerException = null)
        : base(OneLine($"{filePath}: {problem}"), innerException)
    {
        FilePath = filePath;
    }

    /// <summary>The file as the caller named it.</summary>
    public string FilePath { get; }

    /// <summary>The text on one line (line breaks become spaces), for one-line error messages.</summary>
    public static string OneLine(string text) =>
        text.ReplaceLineEndings(" ").Trim();
}
