#include "ui/board/boardpage.h"

#include <QTimer>
#include <QVBoxLayout>

namespace funnel {

BoardPage::BoardPage(QWidget *parent) : QWidget(parent)
{
    new QVBoxLayout(this);
}

void BoardPage::openDatabase(const QString &path)
{
    m_databasePath = path;
    refresh();
}

void BoardPage::refresh()
{
    QTimer::singleShot(0, this, &BoardPage::loaded);
}

} // namespace funnel
