import type { ClipboardEvent } from 'react';
import { Button, Form, Input, Space, Typography } from 'antd';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { ERRORS } from '@bianmin/contracts';
import { IconButton } from '../../components/IconButton.tsx';
import { maxLength } from '../../lib/rules.ts';
import { t } from '../../locale/zh-CN.ts';
import { duplicateIndexes, spliceLines, splitLines } from './items.ts';

const L = t.catalog;
const MAX_MATERIALS = 50;

/**
 * The materials checklist (`materials` of the item form): a box per material, in the order the
 * applicant is told, with up, down and delete on each line. Several lines pasted into one box become
 * several materials.
 */
export function MaterialsEditor() {
  const form = Form.useFormInstance();

  const onPaste = (index: number) => (e: ClipboardEvent<HTMLInputElement>) => {
    const text = e.clipboardData.getData('text');
    if (!/[\r\n]/.test(text)) return;
    e.preventDefault();
    const list = (
      (form.getFieldValue('materials') as (string | undefined)[] | undefined) ?? []
    ).map((s) => s ?? '');
    const next = spliceLines(list, index, splitLines(text)).slice(0, MAX_MATERIALS);
    form.setFieldValue('materials', next);
    void form.validateFields([['materials']], { recursive: true }).catch(() => undefined);
  };

  return (
    <fieldset className="catalog-fieldset">
      <legend className="catalog-legend">{L.materials}</legend>
      <Typography.Paragraph type="secondary" className="catalog-hint">
        {L.materialsHelp}
      </Typography.Paragraph>
      <Form.List name="materials">
        {(fields, { add, remove, move }) => (
          <>
            <ol className="catalog-lines">
              {fields.map((field, i) => (
                <li key={field.key} className="catalog-line">
                  <span className="catalog-line-no" aria-hidden>
                    {i + 1}.
                  </span>
                  <Form.Item
                    name={field.name}
                    className="catalog-line-input"
                    dependencies={fields
                      .filter((f) => f.key !== field.key)
                      .map((f) => ['materials', f.name])}
                    rules={[
                      maxLength(L.materialLabel(i + 1), 100),
                      ({ getFieldValue }) => ({
                        validator: (_, value: string | undefined) => {
                          const list = (getFieldValue('materials') as (string | undefined)[]) ?? [];
                          if ((value ?? '').trim() === '') {
                            return list.length <= 1
                              ? Promise.resolve()
                              : Promise.reject(
                                  new Error(t.common.pleaseInput(L.materialLabel(i + 1))),
                                );
                          }
                          return duplicateIndexes(list).includes(field.name)
                            ? Promise.reject(new Error(ERRORS.DUPLICATE_MATERIAL.message))
                            : Promise.resolve();
                        },
                      }),
                    ]}
                  >
                    <Input
                      aria-label={L.materialLabel(i + 1)}
                      placeholder={i === 0 ? L.materialPlaceholder : undefined}
                      autoComplete="off"
                      onPaste={onPaste(field.name)}
                    />
                  </Form.Item>
                  <Space size={0} className="catalog-line-actions">
                    <IconButton
                      icon={<ArrowUpOutlined aria-hidden />}
                      label={L.moveUp(i + 1)}
                      disabled={i === 0}
                      onClick={() => move(i, i - 1)}
                    />
                    <IconButton
                      icon={<ArrowDownOutlined aria-hidden />}
                      label={L.moveDown(i + 1)}
                      disabled={i === fields.length - 1}
                      onClick={() => move(i, i + 1)}
                    />
                    <IconButton
                      danger
                      icon={<DeleteOutlined aria-hidden />}
                      label={L.removeMaterial(i + 1)}
                      disabled={fields.length === 1}
                      onClick={() => remove(field.name)}
                    />
                  </Space>
                </li>
              ))}
            </ol>
            {fields.length < MAX_MATERIALS ? (
              <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add('')}>
                {L.addMaterial}
              </Button>
            ) : null}
          </>
        )}
      </Form.List>
    </fieldset>
  );
}
