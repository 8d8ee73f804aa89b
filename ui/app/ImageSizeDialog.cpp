#include "app/ImageSizeDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QSpinBox>

namespace awaitscope::ui {

ImageSizeDialog::ImageSizeDialog(QSize initial, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Picture size"));
    auto* form = new QFormLayout(this);
    auto* presets = new QComboBox(this);
    presets->addItem(tr("Window size"), initial);
    presets->addItem(tr("Slide, 16:9 (1920 × 1080)"), QSize(1920, 1080));
    presets->addItem(tr("Slide, 4:3 (1600 × 1200)"), QSize(1600, 1200));
    presets->addItem(tr("README (1600 × 900)"), QSize(1600, 900));
    width_ = new QSpinBox(this);
    height_ = new QSpinBox(this);
    for (QSpinBox* box : {width_, height_}) {
        box->setRange(200, 16000);
        box->setSuffix(tr(" px"));
    }
    width_->setValue(initial.width());
    height_->setValue(initial.height());
    form->addRow(tr("Preset"), presets);
    form->addRow(tr("Width"), width_);
    form->addRow(tr("Height"), height_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(presets, &QComboBox::currentIndexChanged, this, [this, presets](int index) {
        const QSize size = presets->itemData(index).toSize();
        width_->setValue(size.width());
        height_->setValue(size.height());
    });
}

QSize ImageSizeDialog::imageSize() const { return QSize(width_->value(), height_->value()); }

} // namespace awaitscope::ui
