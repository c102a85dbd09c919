using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Coffer.Sip.Auth;
using Coffer.Sip.Location;
using Coffer.Sip.Message;
using Coffer.Sip.Registrar;
using Coffer.Sip.Transactions;

namespace Coffer.Sip.Presence;

/// <summary>
/// The notifier of the <see cref="PeerListEvent.Package"/> event package (RFC 6665 §4.2): answers SUBSCRIBE from an
/// authenticated device for its own account's devices, sends the list in a NOTIFY at once, and again whenever a device
/// of the account comes online, moves, or goes offline, until the subscription expires, is refreshed with Expires 0 or
/// a NOTIFY fails. <c>Expires: 0</c> on a new SUBSCRIBE is a fetch (§4.4.3): one NOTIFY, terminated. Subscriptions live
/// in this process's memory; the bindings they report are the location service's.
/// </summary>
public sealed class PresenceNotifier : IDisposable
{
    private readonly ISipLocationService _location;
    private readonly PresenceOptions _options;
    private readonly TimeProvider _time;
    private readonly SubscribeAuthentication _authentication;
    private readonly ConcurrentDictionary<string, PresenceSubscription> _subscriptions = new();
    private ITimer? _timer;

    public PresenceNotifier(DigestAuthenticator authenticator, ISipLocationService location, ISipRegistrationThrottle throttle, PresenceOptions options, TimeProvider time)
    {
        _location = location;
        _options = options;
        _time = time;
        _authentication = new SubscribeAuthentication(authenticator, throttle, options);
    }

    /// <summary>Active subscriptions (an administrator's count; tests wait on it).</summary>
    public int Count => _subscriptions.Count;

    /// <summary>
    /// Failures while notifying: a NOTIFY that could not be built or sent ends its subscription; bindings that could not
    /// be read for a change check leave it to the next poll.
    /// </summary>
    public event Action<PresenceSubscription, Exception>? NotifyFailed;

    /// <summary>Reads every watched account's bindings every <see cref="PresenceOptions.PollInterval"/> on the time provider.</summary>
    public void StartWatching() =>
        _timer ??= _time.CreateTimer(_ => _ = PollAsync(CancellationToken.None), null, _options.PollInterval, _options.PollInterval);

    /// <summary>
    /// Answers one SUBSCRIBE that arrived on <paramref name="layer"/> (the 200 goes through the server transaction),
    /// then sends the first NOTIFY over the same layer.
    /// </summary>
    public async Task HandleAsync(SipServerTransaction transaction, SipTransactionLayer layer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(layer);
        var request = transaction.Request;
        var existingTag = request.To?.Tag;
        var localTag = existingTag ?? NewTag();

        // RFC 6665 §4.2.1.1: a package we do not serve (or none) is 489 with the packages we do (§8.2.2).
        if (SubscribeRequest.Package(request) is not { } package || !package.Equals(PeerListEvent.Package, StringComparison.OrdinalIgnoreCase))
        {
            var badEvent = SipResponses.Create(request, 489, "Bad Event", localTag);
            badEvent.Headers.Add(HeaderNames.AllowEvents, PeerListEvent.Package);
            transaction.Respond(badEvent);
            return;
        }
        // RFC 3261 §21.4.7, RFC 6665 §4.2.1.1: no body type the subscriber accepts.
        if (!SubscribeRequest.AcceptsPeerList(request))
        {
            var notAcceptable = SipResponses.Create(request, 406, "Not Acceptable", localTag);
            notAcceptable.Headers.Add(HeaderNames.Accept, PeerListEvent.ContentType);
            transaction.Respond(notAcceptable);
            return;
        }

        var (user, refusal) = await _authentication.AuthenticateAsync(request, transaction.Source, localTag, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            transaction.Respond(refusal);
            return;
        }
        // A device watches its own account only: the resource (the Request-URI user) is the authenticated user.
        if (request.Uri.User is not { } resource || !string.Equals(SipUri.Unescape(resource), user, StringComparison.OrdinalIgnoreCase))
        {
            transaction.Respond(SipResponses.Create(request, 403, "Forbidden", localTag));
            return;
        }

        var (seconds, tooBrief) = Interval(request, localTag);
        if (tooBrief is not null)
        {
            transaction.Respond(tooBrief);
            return;
        }

        PresenceSubscription subscription;
        if (existingTag is not null)
        {
            // §4.2.1.2: a refresh or removal inside the dialog; an unknown dialog is 481 (§4.2.1.2, RFC 3261 §12.2.2).
            var key = PresenceSubscription.Key(request.CallId!, request.From?.Tag ?? string.Empty, existingTag);
            if (!_subscriptions.TryGetValue(key, out var found) || !string.Equals(found.User, user, StringComparison.OrdinalIgnoreCase))
            {
                transaction.Respond(SipResponses.Create(request, 481, "Subscription Does Not Exist", localTag));
                return;
            }
            subscription = found;
        }
        else
        {
            // §4.1.2.1: a SUBSCRIBE carries the Contact our NOTIFYs go to.
            if (request.Contacts.Count != 1 || request.Contacts[0].IsWildcard)
            {
                transaction.Respond(SipResponses.Create(request, 400, "Bad Request (one Contact required)", localTag));
                return;
            }
            subscription = new PresenceSubscription(user!, request, localTag, transaction.Source, layer);
        }

        subscription.ExpiresAt = _time.GetUtcNow().AddSeconds(seconds);
        var ok = SipResponses.Create(request, 200, "OK", localTag);
        // §4.2.1.1: the 2xx carries the interval granted; §4.1.2.1 (the notifier's Contact: the dialog's remote target).
        ok.Headers.Add(HeaderNames.Expires, seconds.ToString(CultureInfo.InvariantCulture));
        ok.Headers.Add(HeaderNames.Contact, ContactOf(layer));
        if (seconds > 0)
        {
            _subscriptions[subscription.Key()] = subscription;
        }
        else
        {
            _subscriptions.TryRemove(subscription.Key(), out _);
        }
        transaction.Respond(ok);

        // §4.2.1.2 (immediately after a 2xx, for a new subscription and a refresh), §4.4.3 (a fetch: one NOTIFY).
        await NotifyAsync(subscription, force: true, terminated: seconds == 0, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a NOTIFY to every subscriber of <paramref name="user"/> whose device list changed.</summary>
    public async Task DevicesChangedAsync(string user, CancellationToken cancellationToken = default)
    {
        await Task.WhenAll(_subscriptions.Values.Where(s => string.Equals(s.User, user, StringComparison.OrdinalIgnoreCase)).ToList()
            .Select(s => NotifyAsync(s, force: false, terminated: false, cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>
    /// Ends the subscriptions whose interval is over with a final NOTIFY (§4.2.2: terminated;reason=timeout), and
    /// notifies the others whose device list changed since their last NOTIFY (expiries, other nodes' registrations).
    /// The NOTIFYs go out concurrently; a subscription whose NOTIFY is still waiting for its answer (a subscriber gone
    /// silent holds it for timer F, 32 s) is looked at again by a later poll. The task ends when every NOTIFY sent has
    /// its answer.
    /// </summary>
    public Task PollAsync(CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var sending = new List<Task>();
        foreach (var subscription in _subscriptions.Values.ToList())
        {
            if (subscription.ExpiresAt <= now)
            {
                if (_subscriptions.TryRemove(subscription.Key(), out _))
                {
                    sending.Add(NotifyAsync(subscription, force: true, terminated: true, cancellationToken));
                }
            }
            else if (subscription.Sending.CurrentCount > 0)
            {
                sending.Add(NotifyAsync(subscription, force: false, terminated: false, cancellationToken));
            }
        }
        return Task.WhenAll(sending);
    }

    /// <summary>The interval granted (RFC 6665 §4.2.1.1), or the refusal: 400 for a bad Expires, 423 under the minimum.</summary>
    private (long Seconds, SipResponse? Refusal) Interval(SipRequest request, string localTag)
    {
        var asked = SubscribeRequest.Expires(request) ?? (long)_options.DefaultExpires.TotalSeconds;
        if (asked < 0)
        {
            return (0, SipResponses.Create(request, 400, "Bad Request (Expires)", localTag));
        }
        if (asked != 0 && asked < _options.MinExpires.TotalSeconds)
        {
            var brief = SipResponses.Create(request, 423, "Interval Too Brief", localTag);
            brief.Headers.Add("Min-Expires", ((long)_options.MinExpires.TotalSeconds).ToString(CultureInfo.InvariantCulture));
            return (0, brief);
        }
        return (Math.Min(asked, (long)_options.MaxExpires.TotalSeconds), null);
    }

    private async Task NotifyAsync(PresenceSubscription subscription, bool force, bool terminated, CancellationToken cancellationToken)
    {
        await subscription.Sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (subscription.Ended)
            {
                return;
            }
            IReadOnlyList<SipBinding> bindings;
            try
            {
                bindings = await _location.GetAsync(subscription.User, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException && !force)
            {
                // The bindings could not be read (the store is busy or away): the next poll tries again.
                NotifyFailed?.Invoke(subscription, e);
                return;
            }
            var list = ListKey(bindings);
            if (!force && list == subscription.LastList)
            {
                return;
            }
            subscription.LastList = list;
            subscription.Ended = terminated;
            var notify = BuildNotify(subscription, bindings, terminated);
            var response = await subscription.Layer.Send(notify, subscription.Destination).FinalResponse.ConfigureAwait(false);
            if (response.StatusCode >= 300)
            {
                // RFC 6665 §4.2.2: a NOTIFY refused (481, or any failure; 408 from timer F) ends the subscription.
                End(subscription);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            End(subscription);
            NotifyFailed?.Invoke(subscription, e);
        }
        finally
        {
            subscription.Sending.Release();
        }
    }

    private void End(PresenceSubscription subscription)
    {
        subscription.Ended = true;
        _subscriptions.TryRemove(subscription.Key(), out _);
    }

    /// <summary>RFC 6665 §4.2.2, §8.2.3; RFC 3261 §12.2.1.1: a NOTIFY inside the subscription's dialog.</summary>
    private SipRequest BuildNotify(PresenceSubscription subscription, IReadOnlyList<SipBinding> bindings, bool terminated)
    {
        var layer = subscription.Layer;
        var local = _options.Advertised ?? layer.Transport.LocalEndPoint;
        var notify = new SipRequest { Method = SipMethods.Notify, Uri = subscription.RemoteTarget };
        notify.Headers.Add(HeaderNames.Via, $"SIP/2.0/{layer.Transport.Protocol} {Format(local)};branch={SipTransactionLayer.NewBranch()};rport");
        notify.Headers.Add(HeaderNames.MaxForwards, "70");
        notify.Headers.Add(HeaderNames.From, subscription.LocalAddress);
        notify.Headers.Add(HeaderNames.To, subscription.RemoteAddress);
        notify.Headers.Add(HeaderNames.CallId, subscription.CallId);
        notify.Headers.Add(HeaderNames.CSeq, new SipCSeq(subscription.NextCSeq(), SipMethods.Notify).ToString());
        notify.Headers.Add(HeaderNames.Contact, ContactOf(layer));
        notify.Headers.Add(HeaderNames.Event, subscription.Event);
        var left = Math.Max(0, (long)Math.Ceiling((subscription.ExpiresAt - _time.GetUtcNow()).TotalSeconds));
        // §4.1.3: "timeout" for an interval that ran out, or a fetch / an unsubscription (both ask for no more time).
        notify.Headers.Add(HeaderNames.SubscriptionState, terminated ? "terminated;reason=timeout" : $"active;expires={left.ToString(CultureInfo.InvariantCulture)}");
        notify.Headers.Add(HeaderNames.ContentType, PeerListEvent.ContentType);
        notify.Body = PeerListXml.Write(subscription.User, bindings);
        return notify;
    }

    private string ContactOf(SipTransactionLayer layer)
    {
        var local = _options.Advertised ?? layer.Transport.LocalEndPoint;
        return layer.Transport.IsReliable ? $"<sip:{Format(local)};transport=tcp>" : $"<sip:{Format(local)}>";
    }

    private static string Format(IPEndPoint endpoint) => endpoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
        ? $"[{endpoint.Address}]:{endpoint.Port}"
        : endpoint.ToString();

    /// <summary>What a subscriber is told of: which devices are online, at which contact, from where.</summary>
    private static string ListKey(IReadOnlyList<SipBinding> bindings)
    {
        var sb = new StringBuilder();
        foreach (var b in bindings.OrderBy(b => b.Device, StringComparer.Ordinal))
        {
            sb.Append(b.Device).Append('\n').Append(b.Contact).Append('\n').Append(b.Received).Append('\n');
        }
        return sb.ToString();
    }

    private static string NewTag() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public void Dispose()
    {
        _timer?.Dispose();
    }
}
