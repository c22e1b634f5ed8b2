#pragma once

// A small HTTP/1.1 receiver on 127.0.0.1 for webhook tests: records every request and answers from
// a script (status, headers, delay, or no answer at all). Keep-alive, Content-Length bodies only,
// which is what QNetworkAccessManager sends.

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <functional>
#include <utility>

class TestReceiver
{
public:
    struct Reply {
        int status = 200;
        QList<std::pair<QByteArray, QByteArray>> headers;
        QByteArray body = "ok";
        int delayMs = 0;
        bool hang = false; // never answer
    };
    struct Request {
        QByteArray method;
        QByteArray path;
        QHash<QByteArray, QByteArray> headers; // names in lower case
        QByteArray body;
        qint64 atMs = 0;
        quintptr connection = 0;
    };

    QList<Reply> script;    // consumed front to back
    Reply defaultReply;     // once the script is empty
    QList<Request> requests;
    int concurrent = 0;
    int maxConcurrent = 0;
    std::function<void(const Request &)> onRequest;

    TestReceiver()
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                ++m_connections;
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { read(socket); });
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QString url(const QString &path = QStringLiteral("/hook")) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path);
    }
    int connections() const { return m_connections; }

private:
    void read(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (;;) {
            const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
            if (headerEnd < 0)
                return;
            const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
            Request request;
            const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
            request.method = requestLine.value(0);
            request.path = requestLine.value(1);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines.at(i).indexOf(':');
                if (colon > 0)
                    request.headers.insert(lines.at(i).left(colon).trimmed().toLower(), lines.at(i).mid(colon + 1).trimmed());
            }
            const qsizetype length = request.headers.value("content-length", "0").toLongLong();
            if (buffer.size() < headerEnd + 4 + length)
                return;
            request.body = buffer.mid(headerEnd + 4, length);
            buffer.remove(0, headerEnd + 4 + length);
            request.atMs = QDateTime::currentMSecsSinceEpoch();
            request.connection = quintptr(socket);
            requests.append(request);
            if (onRequest)
                onRequest(request);
            answer(socket, script.isEmpty() ? defaultReply : script.takeFirst());
        }
    }

    void answer(QTcpSocket *socket, const Reply &reply)
    {
        if (reply.hang)
            return;
        ++concurrent;
        maxConcurrent = std::max(maxConcurrent, concurrent);
        QPointer<QTcpSocket> guarded(socket);
        auto respond = [this, guarded, reply] {
            --concurrent;
            if (!guarded)
                return;
            QByteArray response = "HTTP/1.1 " + QByteArray::number(reply.status) + " Scripted\r\n";
            for (const auto &[name, value] : reply.headers)
                response += name + ": " + value + "\r\n";
            response += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n\r\n" + reply.body;
            guarded->write(response);
        };
        if (reply.delayMs > 0)
            QTimer::singleShot(reply.delayMs, socket, respond);
        else
            respond();
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    int m_connections = 0;
};
