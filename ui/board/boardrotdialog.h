#pragma once

#include "core/storage/boardrotsettings.h"

#include <QDialog>

#include <array>

class QSpinBox;

namespace funnel {

// Edits the days to rot of each stage (0 = never stale).
class BoardRotDialog : public QDialog
{
    Q_OBJECT

public:
    explicit BoardRotDialog(const BoardRotSettings::Days &days, QWidget *parent = nullptr);

    BoardRotSettings::Days days() const;

private:
    std::array<QSpinBox *, allStages.size()> m_boxes{};
};

} // namespace funnel
