using System.Reflection;
using System.Runtime.InteropServices;

namespace Science.Assimilation.Mpi;

/// <summary>MPI is not usable here (MPICH missing, or the process was launched by another MPI's launcher).</summary>
public sealed class MpiUnavailableException(string message) : Exception(message);

/// <summary>
/// This process's MPI: <c>MPI_Init</c> on <see cref="Start"/>, <c>MPI_Finalize</c> on <see cref="Dispose"/> (MPI can be
/// initialised once per process). MPI.NET 1.4.0 imports the MS-MPI name <c>msmpi.dll</c>; MPICH has the same ABI
/// (handles are ints with the same values), so a <see cref="NativeLibrary"/> resolver maps that name to Debian's
/// <c>libmpich.so.12</c>. Open MPI has another ABI and is not supported.
/// </summary>
public sealed class MpiSession : IDisposable
{
    /// <summary>The one-line explanation when MPICH is missing.</summary>
    public const string NeedsMpich = "--executor mpi needs MPICH: apt-get install mpich; run with mpiexec -n N";

    /// <summary>The native MPICH libraries tried, in order.</summary>
    public static readonly IReadOnlyList<string> Candidates = ["libmpich.so.12", "libmpi.so.12", "libmpich.so", "libmpi.so"];

    private static readonly object Gate = new();
    private static bool _resolverInstalled, _started;
    private static IntPtr _library;

    private readonly MPI.Environment _environment;
    private bool _disposed;

    private MpiSession(MPI.Environment environment)
    {
        _environment = environment;
        Rank = MPI.Communicator.world.Rank;
        Size = MPI.Communicator.world.Size;
    }

    /// <summary>This process's rank in MPI_COMM_WORLD.</summary>
    public int Rank { get; }
    /// <summary>Number of ranks in MPI_COMM_WORLD.</summary>
    public int Size { get; }
    /// <summary>Whether this is rank 0 (the one that writes files and prints progress).</summary>
    public bool IsRoot => Rank == 0;

    /// <summary>
    /// Ranks on this machine: MPICH's launcher sets MPI_LOCALNRANKS; otherwise all ranks are taken to share it.
    /// </summary>
    public int LocalRanks =>
        int.TryParse(System.Environment.GetEnvironmentVariable("MPI_LOCALNRANKS"), out int k) && k >= 1 ? k : Size;

    /// <summary>Whether a native MPICH library can be loaded (without initialising MPI).</summary>
    public static bool IsMpichAvailable()
    {
        lock (Gate) return Load() != IntPtr.Zero;
    }

    /// <summary>Initialises MPI (once per process).</summary>
    /// <exception cref="MpiUnavailableException">MPICH is missing, MPI was already used in this process, or the
    /// process was launched by Open MPI's mpirun.</exception>
    public static MpiSession Start()
    {
        lock (Gate)
        {
            if (_started) throw new MpiUnavailableException("MPI can be initialised only once per process (run one medida command per mpiexec)");
            if (Load() == IntPtr.Zero) throw new MpiUnavailableException(NeedsMpich);
            InstallResolver();
            var args = Array.Empty<string>();
            MPI.Environment environment;
            try
            {
                environment = new MPI.Environment(ref args);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
            {
                throw new MpiUnavailableException($"{NeedsMpich} ({e.Message})");
            }
            _started = true;
            var session = new MpiSession(environment);
            // Open MPI's mpirun starts N singletons of MPICH (each of size 1) that would all run the whole experiment.
            if (session.Size == 1 && int.TryParse(System.Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_SIZE"), out int ompi) && ompi > 1)
            {
                session.Dispose();
                throw new MpiUnavailableException("launched by Open MPI's mpirun, but MPI.NET binds the MPICH ABI: use MPICH's mpiexec (mpiexec.mpich -n N)");
            }
            return session;
        }
    }

    /// <summary>MPI_Finalize (every rank must call it before exiting).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _environment.Dispose();
    }

    private static IntPtr Load()
    {
        if (_library != IntPtr.Zero) return _library;
        foreach (string name in Candidates)
            if (NativeLibrary.TryLoad(name, out var handle)) return _library = handle;
        return IntPtr.Zero;
    }

    private static void InstallResolver()
    {
        if (_resolverInstalled) return;
        NativeLibrary.SetDllImportResolver(typeof(MPI.Environment).Assembly, Resolve);
        _resolverInstalled = true;
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        // MPI.NET imports "msmpi.dll" (and may probe "msmpi", "mpi", "libmpi"); all mean the MPI library.
        string bare = Path.GetFileNameWithoutExtension(name).ToLowerInvariant();
        if (bare is "msmpi" or "mpi" or "libmpi" or "mpich" or "libmpich")
            lock (Gate) return Load();
        return IntPtr.Zero;
    }
}
