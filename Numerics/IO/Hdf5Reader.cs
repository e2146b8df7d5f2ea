using System.Globalization;
using PureHDF;
using PureHDF.Selections;
using PureHDF.VOL.Native;

namespace Science.Numerics.IO;

/// <summary>
/// A read-only HDF5 file with checked access to float64 datasets, integer datasets and scalar attributes, wrapping
/// PureHDF. Every failure (missing file, not HDF5 or damaged, missing dataset or attribute, wrong type, rank or
/// shape) is a <see cref="DataFileException"/> whose one-line message names the file and the object.
/// </summary>
/// <remarks>
/// Object paths may be given with or without the leading slash (<c>/grid/x</c> or <c>grid/x</c>); "/" or "" is the
/// root group. Datasets read as float64 must be stored as IEEE float64 (little-endian: PureHDF 2.2.0 does not convert
/// byte order); float32 or integer datasets are refused rather than converted, so no precision is silently lost.
/// Scalar attributes are converted generously (an integer attribute reads as a double, a float64 attribute with an
/// integral value reads as an integer, an HDF5 enum such as h5py's bool reads as its integer value). Not thread-safe:
/// use one reader per thread or lock around it.
/// </remarks>
public sealed class Hdf5Reader : IDisposable
{
    private readonly NativeFile _file;

    private Hdf5Reader(string filePath, NativeFile file)
    {
        FilePath = filePath;
        _file = file;
    }

    /// <summary>The file as the caller named it (used in error messages).</summary>
    public string FilePath { get; }

    /// <summary>Opens <paramref name="filePath"/> for reading.</summary>
    /// <exception cref="DataFileException">The file is missing, is a directory, cannot be opened, or is not a valid HDF5 file.</exception>
    public static Hdf5Reader Open(string filePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        if (Directory.Exists(filePath)) throw new DataFileException(filePath, "is a directory, not an HDF5 file");
        if (!File.Exists(filePath)) throw new DataFileException(filePath, "file not found");
        try
        {
            CheckNotTruncated(filePath);
            return new Hdf5Reader(filePath, H5File.OpenRead(filePath));
        }
        catch (DataFileException)
        {
            throw;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException(filePath, $"cannot open the file ({e.Message})", e);
        }
        catch (Exception e)
        {
            throw new DataFileException(filePath, $"not an HDF5 file, or the file is damaged ({e.Message})", e);
        }
    }

    /// <summary>Closes the file.</summary>
    public void Dispose() => _file.Dispose();

    /// <summary>
    /// Compares the file's length with the end-of-file address in its HDF5 superblock, as libhdf5 does: PureHDF 2.2.0
    /// opens a file whose tail is cut off and may even read its datasets. Files without a recognisable superblock are
    /// left to PureHDF to refuse.
    /// </summary>
    private static void CheckNotTruncated(string filePath)
    {
        ReadOnlySpan<byte> signature = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
        using var fs = new FileStream(filePath, FileMode.Open, FileAccess.Read, FileShare.Read);
        long length = fs.Length;
        Span<byte> b = stackalloc byte[64];
        // The superblock sits at 0 or, after a user block, at 512, 1024, 2048, …
        for (long at = 0; at + 64 <= length; at = at == 0 ? 512 : 2 * at)
        {
            fs.Position = at;
            fs.ReadExactly(b);
            if (!b[..8].SequenceEqual(signature)) continue;
            int version = b[8];
            int sizeOfOffsets, addresses;
            switch (version)
            {
                case 0: sizeOfOffsets = b[13]; addresses = 24; break;
                case 1: sizeOfOffsets = b[13]; addresses = 28; break;
                case 2 or 3: sizeOfOffsets = b[9]; addresses = 12; break;
                default: return;
            }
            if (sizeOfOffsets is not (4 or 8)) return;
            ulong baseAddress = Address(b, addresses, sizeOfOffsets);
            // v0/v1: base, free-space info, end of file. v2/v3: base, superblock extension, end of file.
            ulong eof = Address(b, addresses + 2 * sizeOfOffsets, sizeOfOffsets);
            if (eof == ulong.MaxValue || baseAddress == ulong.MaxValue) return;
            // libhdf5 (H5Fsuper.c) compares the stored end of file with the absolute file size (its EOF + base address).
            ulong needed = eof;
            if (needed > (ulong)length)
                throw new DataFileException(filePath,
                    $"the file is truncated: it has {length} bytes but its HDF5 superblock says {needed} (an interrupted copy or write?)");
            return;
        }
    }

    private static ulong Address(ReadOnlySpan<byte> b, int offset, int size)
    {
        ulong v = 0;
        for (int i = size - 1; i >= 0; i--) v = (v << 8) | b[offset + i];
        return size == 4 && v == uint.MaxValue ? ulong.MaxValue : v;
    }

    /// <summary>Whether a link (group or dataset) exists at <paramref name="objectPath"/>.</summary>
    public bool Exists(string objectPath)
    {
        string p = Normalize(objectPath);
        if (p == "/") return true;
        return Guard(p, () => _file.LinkExists(p));
    }

    /// <summary>Whether <paramref name="datasetPath"/> exists and is a dataset.</summary>
    public bool IsDataset(string datasetPath)
    {
        string p = Normalize(datasetPath);
        return Exists(p) && Guard(p, () => _file.Get(p) is IH5Dataset);
    }

    /// <summary>The dimensions of a dataset (empty for a scalar dataset).</summary>
    /// <exception cref="DataFileException">The dataset does not exist or is not a dataset.</exception>
    public int[] GetShape(string datasetPath)
    {
        string p = Normalize(datasetPath);
        return ShapeOf(GetDataset(p, null), p);
    }

    /// <summary>The element type of a dataset as a short name: float64, float32, int32, uint8, string, …</summary>
    public string GetTypeName(string datasetPath)
    {
        string p = Normalize(datasetPath);
        var d = GetDataset(p, null);
        return Guard(p, () => TypeName(d.Type));
    }

    /// <summary>
    /// Reads a float64 dataset as a flat row-major array, checking its shape when <paramref name="expectedShape"/> is
    /// given (an entry of −1 matches any size).
    /// </summary>
    /// <param name="datasetPath">The dataset.</param>
    /// <param name="expectedShape">The required dimensions, or null for any shape.</param>
    /// <param name="expectation">
    /// Optional text that replaces the rendered expected shape and follows it in messages, e.g.
    /// <c>"[2, 192, 96] for the 96×192 grid"</c>.
    /// </param>
    /// <exception cref="DataFileException">Missing, not float64, or of the wrong shape.</exception>
    public double[] ReadFloat64(string datasetPath, int[]? expectedShape = null, string? expectation = null)
    {
        string p = Normalize(datasetPath);
        var d = GetDataset(p, expectation is null ? null : "float64 " + expectation);
        RequireFloat64(d, p);
        CheckShape(d, p, expectedShape, expectation);
        return Guard(p, () => d.Read<double[]>());
    }

    /// <summary>Reads a float64 dataset of any shape and returns its dimensions too.</summary>
    /// <exception cref="DataFileException">Missing or not float64.</exception>
    public double[] ReadFloat64(string datasetPath, out int[] shape)
    {
        string p = Normalize(datasetPath);
        var d = GetDataset(p, null);
        RequireFloat64(d, p);
        shape = ShapeOf(d, p);
        return Guard(p, () => d.Read<double[]>());
    }

    /// <summary>
    /// Reads entry <paramref name="index"/> along the first dimension of a float64 dataset (e.g. one snapshot
    /// <c>[layer, y, x]</c> of a <c>[time, layer, y, x]</c> dataset) as a flat array.
    /// </summary>
    /// <exception cref="DataFileException">Missing, not float64, scalar, or the index is past the first dimension.</exception>
    public double[] ReadFloat64Slice(string datasetPath, int index)
    {
        string p = Normalize(datasetPath);
        var d = GetDataset(p, null);
        RequireFloat64(d, p);
        int[] shape = ShapeOf(d, p);
        if (shape.Length == 0)
            throw new DataFileException(FilePath, $"dataset {p} is scalar; expected at least one dimension to index");
        if (index < 0 || index >= shape[0])
            throw new DataFileException(FilePath, $"dataset {p} has shape {FormatShape(shape)}; entry {index} along the first dimension does not exist");
        var starts = new ulong[shape.Length];
        var blocks = new ulong[shape.Length];
        starts[0] = (ulong)index;
        blocks[0] = 1;
        for (int i = 1; i < shape.Length; i++) blocks[i] = (ulong)shape[i];
        return Guard(p, () => d.Read<double[]>(fileSelection: new HyperslabSelection(shape.Length, starts, blocks)));
    }

    /// <summary>
    /// Reads an integer dataset (any signed or unsigned fixed-point type up to 64 bits, or an enum) as int64, checking
    /// its shape when <paramref name="expectedShape"/> is given (−1 matches any size).
    /// </summary>
    /// <exception cref="DataFileException">Missing, not an integer type, of the wrong shape, or a uint64 value above long.MaxValue.</exception>
    public long[] ReadInt64(string datasetPath, int[]? expectedShape = null, string? expectation = null)
    {
        string p = Normalize(datasetPath);
        var d = GetDataset(p, null);
        CheckShape(d, p, expectedShape, expectation);
        var type = Guard(p, () => d.Type);
        if (!IsInteger(type))
            throw new DataFileException(FilePath, $"dataset {p} has type {TypeName(type)}; expected an integer type (int64)");
        return Guard(p, () => ReadIntegers(type, () => d.Read<sbyte[]>(), () => d.Read<byte[]>(), () => d.Read<short[]>(),
            () => d.Read<ushort[]>(), () => d.Read<int[]>(), () => d.Read<uint[]>(), () => d.Read<long[]>(), () => d.Read<ulong[]>(), p));
    }

    /// <summary>Whether the object at <paramref name="objectPath"/> ("/" = root) carries attribute <paramref name="name"/>.</summary>
    /// <exception cref="DataFileException">The object does not exist.</exception>
    public bool HasAttribute(string objectPath, string name)
    {
        var o = GetObject(objectPath);
        return Guard(Normalize(objectPath), () => o.AttributeExists(name));
    }

    /// <summary>The names of the attributes of the object at <paramref name="objectPath"/> ("/" = root).</summary>
    public IReadOnlyList<string> GetAttributeNames(string objectPath)
    {
        var o = GetObject(objectPath);
        return Guard(Normalize(objectPath), () => o.Attributes().Select(a => a.Name).ToArray());
    }

    /// <summary>
    /// Reads a numeric scalar attribute (float64, float32, any integer, or an enum such as h5py's bool) as a double.
    /// A one-element array is accepted as a scalar.
    /// </summary>
    /// <exception cref="DataFileException">Missing, not numeric, or not a single value.</exception>
    public double ReadDoubleAttribute(string objectPath, string name)
    {
        var (a, what) = GetAttribute(objectPath, name);
        var type = Guard(what, () => a.Type);
        if (type.Class == H5DataTypeClass.FloatingPoint && type.Size == 8) return Guard(what, () => a.Read<double>());
        if (type.Class == H5DataTypeClass.FloatingPoint && type.Size == 4) return Guard(what, () => (double)a.Read<float>());
        if (IsInteger(type)) return ReadIntegerAttribute(a, type, what);
        throw new DataFileException(FilePath, $"{what} has type {TypeName(type)}; expected a number (float64)");
    }

    /// <summary>
    /// Reads an integer scalar attribute (any integer type or enum; a float attribute with an integral value is
    /// accepted too) as int64.
    /// </summary>
    /// <exception cref="DataFileException">Missing, not an integer, or not a single value.</exception>
    public long ReadInt64Attribute(string objectPath, string name)
    {
        var (a, what) = GetAttribute(objectPath, name);
        var type = Guard(what, () => a.Type);
        if (IsInteger(type)) return ReadIntegerAttribute(a, type, what);
        if (type.Class == H5DataTypeClass.FloatingPoint)
        {
            double v = ReadDoubleAttribute(objectPath, name);
            if (Math.Floor(v) == v && v >= long.MinValue && v < 9.2233720368547758e18) return (long)v;
            throw new DataFileException(FilePath, $"{what} = {v.ToString("R", CultureInfo.InvariantCulture)}; expected an integer");
        }
        throw new DataFileException(FilePath, $"{what} has type {TypeName(type)}; expected an integer (int64)");
    }

    /// <summary>Reads a string attribute (fixed-length or variable-length).</summary>
    /// <exception cref="DataFileException">Missing, or not a string.</exception>
    public string ReadStringAttribute(string objectPath, string name)
    {
        var (a, what) = GetAttribute(objectPath, name);
        var type = Guard(what, () => a.Type);
        if (!IsString(type))
            throw new DataFileException(FilePath, $"{what} has type {TypeName(type)}; expected a string");
        return Guard(what, () => a.Read<string>()) ?? "";
    }

    /// <summary>Reads a numeric attribute as a double, or returns null when the attribute does not exist.</summary>
    public double? TryReadDoubleAttribute(string objectPath, string name) =>
        HasAttribute(objectPath, name) ? ReadDoubleAttribute(objectPath, name) : null;

    /// <summary>Reads an integer attribute, or returns null when the attribute does not exist.</summary>
    public long? TryReadInt64Attribute(string objectPath, string name) =>
        HasAttribute(objectPath, name) ? ReadInt64Attribute(objectPath, name) : null;

    /// <summary>Reads a string attribute, or returns null when the attribute does not exist.</summary>
    public string? TryReadStringAttribute(string objectPath, string name) =>
        HasAttribute(objectPath, name) ? ReadStringAttribute(objectPath, name) : null;

    /// <summary>Whether the attribute exists and holds a string.</summary>
    public bool IsStringAttribute(string objectPath, string name)
    {
        if (!HasAttribute(objectPath, name)) return false;
        var (a, what) = GetAttribute(objectPath, name);
        return Guard(what, () => IsString(a.Type));
    }

    /// <summary>Renders a shape as <c>[2, 192, 96]</c> (<c>[]</c> for a scalar).</summary>
    public static string FormatShape(IEnumerable<int> shape) => "[" + string.Join(", ", shape) + "]";

    // ---------------------------------------------------------------------------------------------------------

    /// <summary>An HDF5 object path in canonical form: a leading slash, no trailing slash ("" and "/" are the root).</summary>
    public static string Normalize(string objectPath)
    {
        ArgumentNullException.ThrowIfNull(objectPath);
        string p = objectPath.Trim();
        if (p.Length == 0) return "/";
        if (!p.StartsWith('/')) p = "/" + p;
        if (p.Length > 1 && p.EndsWith('/')) p = p.TrimEnd('/');
        return p.Length == 0 ? "/" : p;
    }

    private IH5Dataset GetDataset(string p, string? expectation)
    {
        if (!Exists(p))
            throw new DataFileException(FilePath, expectation is null
                ? $"dataset {p} not found"
                : $"dataset {p} not found; expected {expectation}");
        var o = Guard(p, () => _file.Get(p));
        return o as IH5Dataset ?? throw new DataFileException(FilePath, $"{p} is a group, not a dataset");
    }

    private IH5Object GetObject(string objectPath)
    {
        string p = Normalize(objectPath);
        if (p == "/") return _file;
        if (!Exists(p)) throw new DataFileException(FilePath, $"object {p} not found");
        return Guard(p, () => _file.Get(p));
    }

    private (IH5Attribute Attribute, string What) GetAttribute(string objectPath, string name)
    {
        string p = Normalize(objectPath);
        string what = p == "/" ? $"attribute '{name}'" : $"attribute '{name}' of {p}";
        var o = GetObject(p);
        if (!Guard(p, () => o.AttributeExists(name))) throw new DataFileException(FilePath, $"{what} not found");
        var a = Guard(what, () => o.Attribute(name));
        ulong count = Guard(what, () => a.Space.Type == H5DataspaceType.Scalar ? 1UL : a.Space.Dimensions.Aggregate(1UL, (x, y) => x * y));
        if (count != 1 && !Guard(what, () => IsString(a.Type) && a.Space.Type == H5DataspaceType.Scalar))
            throw new DataFileException(FilePath, $"{what} holds {count} values; expected a single value");
        return (a, what);
    }

    private long ReadIntegerAttribute(IH5Attribute a, IH5DataType type, string what) =>
        Guard(what, () => ReadIntegers(type, () => [a.Read<sbyte>()], () => [a.Read<byte>()], () => [a.Read<short>()],
            () => [a.Read<ushort>()], () => [a.Read<int>()], () => [a.Read<uint>()], () => [a.Read<long>()], () => [a.Read<ulong>()], what)[0]);

    private long[] ReadIntegers(IH5DataType type,
        Func<sbyte[]> i8, Func<byte[]> u8, Func<short[]> i16, Func<ushort[]> u16,
        Func<int[]> i32, Func<uint[]> u32, Func<long[]> i64, Func<ulong[]> u64, string what)
    {
        bool signed = IsSigned(type);
        switch (type.Size)
        {
            case 1: return signed ? [.. i8().Select(v => (long)v)] : [.. u8().Select(v => (long)v)];
            case 2: return signed ? [.. i16().Select(v => (long)v)] : [.. u16().Select(v => (long)v)];
            case 4: return signed ? [.. i32().Select(v => (long)v)] : [.. u32().Select(v => (long)v)];
            case 8:
                if (signed) return i64();
                var u = u64();
                var r = new long[u.Length];
                for (int i = 0; i < u.Length; i++)
                    r[i] = u[i] <= long.MaxValue ? (long)u[i]
                        : throw new DataFileException(FilePath, $"{what} holds the uint64 value {u[i]}, which does not fit int64");
                return r;
            default:
                throw new DataFileException(FilePath, $"{what} has an integer type of {type.Size} bytes; expected 1, 2, 4 or 8");
        }
    }

    private void RequireFloat64(IH5Dataset d, string p)
    {
        var type = Guard(p, () => d.Type);
        if (type.Class != H5DataTypeClass.FloatingPoint || type.Size != 8)
            throw new DataFileException(FilePath, $"dataset {p} has type {TypeName(type)}; expected float64");
    }

    private void CheckShape(IH5Dataset d, string p, int[]? expected, string? expectation)
    {
        if (expected is null) return;
        int[] shape = ShapeOf(d, p);
        bool ok = shape.Length == expected.Length;
        for (int i = 0; ok && i < shape.Length; i++) ok = expected[i] < 0 || expected[i] == shape[i];
        if (!ok)
        {
            string want = expectation ?? FormatShape(expected.Select(e => e)).Replace("-1", "*", StringComparison.Ordinal);
            throw new DataFileException(FilePath, $"dataset {p} has shape {FormatShape(shape)}; expected {want}");
        }
    }

    private int[] ShapeOf(IH5Dataset d, string p) => Guard(p, () =>
    {
        if (d.Space.Type == H5DataspaceType.Scalar) return Array.Empty<int>();
        return d.Space.Dimensions.Select(x => x <= int.MaxValue ? (int)x
            : throw new DataFileException(FilePath, $"dataset {p} has a dimension of {x}, too large to read")).ToArray();
    });

    private static bool IsInteger(IH5DataType t) => t.Class is H5DataTypeClass.FixedPoint or H5DataTypeClass.Enumerated;

    private static bool IsString(IH5DataType t) =>
        t.Class == H5DataTypeClass.String || (t.Class == H5DataTypeClass.VariableLength && IsStringLikeBase(t));

    private static bool IsStringLikeBase(IH5DataType t)
    {
        // PureHDF 2.2.0 reports variable-length strings (its own and h5py's) as VariableLength whose base type is a
        // one-byte fixed-point "character"; it does not expose the string/sequence flag. A vlen sequence of other
        // numbers is therefore told apart by its base type; a vlen sequence of bytes would pass here and fail on Read.
        try
        {
            var b = t.VariableLength.BaseType;
            return b.Class == H5DataTypeClass.String || (b.Class == H5DataTypeClass.FixedPoint && b.Size == 1);
        }
        catch (Exception)
        {
            return false;
        }
    }

    private static bool IsSigned(IH5DataType t)
    {
        try
        {
            if (t.Class == H5DataTypeClass.FixedPoint) return t.FixedPoint.IsSigned;
            var b = t.Enumeration.BaseType;
            return b.Class == H5DataTypeClass.FixedPoint && b.FixedPoint.IsSigned;
        }
        catch (Exception)
        {
            return true;
        }
    }

    internal static string TypeName(IH5DataType t)
    {
        try
        {
            return t.Class switch
            {
                H5DataTypeClass.FloatingPoint => $"float{8 * t.Size}",
                H5DataTypeClass.FixedPoint => (t.FixedPoint.IsSigned ? "int" : "uint") + (8 * t.Size).ToString(CultureInfo.InvariantCulture),
                H5DataTypeClass.String => "string",
                H5DataTypeClass.VariableLength => IsStringLikeBase(t) ? "string" : "variable-length sequence",
                H5DataTypeClass.Enumerated => $"enum ({8 * t.Size}-bit)",
                _ => t.Class.ToString().ToLowerInvariant(),
            };
        }
        catch (Exception)
        {
            return t.Class.ToString().ToLowerInvariant();
        }
    }

    /// <summary>Runs a PureHDF call and turns any failure that is not already a <see cref="DataFileException"/> into one.</summary>
    private T Guard<T>(string what, Func<T> f)
    {
        try
        {
            return f();
        }
        catch (DataFileException)
        {
            throw;
        }
        catch (Exception e)
        {
            throw new DataFileException(FilePath, $"cannot read {what} ({e.Message})", e);
        }
    }
}
