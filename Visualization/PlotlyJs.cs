using System.Reflection;
using Science.Numerics.IO;

namespace Science.Visualization;

/// <summary>
/// The plotly.js bundle, taken from the manifest resource that Plotly.NET ships inside Plotly.NET.dll.
/// </summary>
/// <remarks>
/// The assembly is loaded by name and only its resources are read: no Plotly.NET type is touched, so FSharp.Core
/// (which Plotly.NET is written against) is never loaded into the process.
/// </remarks>
internal static class PlotlyJs
{
    /// <summary>The file name of the shared bundle written beside the charts of a folder.</summary>
    public const string SharedFileName = "plotly.min.js";

    private const string AssemblyName = "Plotly.NET";

    private static readonly Lazy<(string Name, string Source)> Bundle = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The full plotly.js source (minified), read once per process.</summary>
    public static string Source => Bundle.Value.Source;

    /// <summary>The name of the manifest resource the source came from, e.g. "Plotly.NET.plotly-2.28.0.min.js".</summary>
    public static string ResourceName => Bundle.Value.Name;

    /// <summary>
    /// Writes <see cref="SharedFileName"/> into <paramref name="directory"/> atomically unless an identical file is
    /// already there; returns its path.
    /// </summary>
    public static string WriteShared(string directory)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, SharedFileName);
        byte[] bytes = SourceBytes.Value;
        if (!IsSame(path, bytes))
        {
            AtomicFile.WriteAllBytes(path, bytes);
        }

        return path;
    }

    private static readonly Lazy<byte[]> SourceBytes = new(() => new System.Text.UTF8Encoding(false).GetBytes(Source));

    private static bool IsSame(string path, byte[] bytes)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length != bytes.Length)
            {
                return false;
            }

            byte[] existing = File.ReadAllBytes(path);
            return existing.AsSpan().SequenceEqual(bytes);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static (string, string) Load()
    {
        Assembly assembly = FindAssembly();
        string? name = assembly.GetManifestResourceNames()
            .Where(n => n.EndsWith(".min.js", StringComparison.OrdinalIgnoreCase) && n.Contains("plotly", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .LastOrDefault();
        if (name is null)
        {
            throw new InvalidOperationException($"{assembly.GetName().Name} has no embedded plotly.js (*.min.js) resource.");
        }

        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"cannot open the resource {name} of {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        return (name, reader.ReadToEnd());
    }

    /// <summary>
    /// Plotly.NET.dll: already loaded (e.g. by a notebook's <c>#r "nuget: Plotly.NET"</c>), else loaded by name
    /// (the package reference puts it in the application's dependencies), else from the folder of this assembly.
    /// </summary>
    private static Assembly FindAssembly()
    {
        foreach (var loaded in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (string.Equals(loaded.GetName().Name, AssemblyName, StringComparison.OrdinalIgnoreCase))
            {
                return loaded;
            }
        }

        try
        {
            return Assembly.Load(new AssemblyName(AssemblyName));
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            string? here = Path.GetDirectoryName(typeof(PlotlyJs).Assembly.Location);
            string beside = here is null ? "" : Path.Combine(here, AssemblyName + ".dll");
            if (beside.Length > 0 && File.Exists(beside))
            {
                return Assembly.LoadFrom(beside);
            }

            throw new InvalidOperationException(
                "Plotly.NET.dll, whose embedded plotly.js the HTML charts inline, cannot be found: reference the Plotly.NET package.", e);
        }
    }
}
