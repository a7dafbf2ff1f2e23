import { Alert, Button, Form, Input } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { ERRORS } from '@bianmin/contracts';
import { IconButton } from '../../components/IconButton.tsx';
import { maxLength, required } from '../../lib/rules.ts';
import { t } from '../../locale/zh-CN.ts';
import { AMOUNT_PATTERN, duplicateIndexes } from './items.ts';

const L = t.catalog;
const MAX_FEES = 20;

/**
 * The fees an item may carry (`fees` of the item form): name, amount in yuan and legal basis per
 * row. Nothing outside this list may be charged, which the hint above it says in so many words.
 */
export function FeesEditor() {
  return (
    <fieldset className="catalog-fieldset">
      <legend className="catalog-legend">{L.fees}</legend>
      <Alert type="warning" showIcon className="catalog-hint" title={L.feesHint} />
      <Form.List name="fees">
        {(fields, { add, remove }) => (
          <>
            {fields.length > 0 ? (
              <div className="catalog-fee-head" aria-hidden>
                <span>{L.feeName}</span>
                <span>{L.feeAmount}</span>
                <span>{L.feeBasis}</span>
                <span />
              </div>
            ) : (
              <p className="catalog-fee-none">{L.feesNone}</p>
            )}
            <ol className="catalog-lines">
              {fields.map((field, i) => (
                <li key={field.key} className="catalog-fee-row">
                  <Form.Item
                    name={[field.name, 'name']}
                    dependencies={fields
                      .filter((f) => f.key !== field.key)
                      .map((f) => ['fees', f.name, 'name'])}
                    rules={[
                      required(L.feeName),
                      maxLength(L.feeName, 60),
                      ({ getFieldValue }) => ({
                        validator: () => {
                          const fees =
                            (getFieldValue('fees') as ({ name?: string } | undefined)[]) ?? [];
                          return duplicateIndexes(fees.map((f) => f?.name)).includes(field.name)
                            ? Promise.reject(new Error(ERRORS.DUPLICATE_FEE.message))
                            : Promise.resolve();
                        },
                      }),
                    ]}
                  >
                    <Input
                      aria-label={L.feeLine(i + 1, L.feeName)}
                      placeholder={L.feeNamePlaceholder}
                      autoComplete="off"
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'amount']}
                    rules={[
                      required(L.feeAmount),
                      { pattern: AMOUNT_PATTERN, message: ERRORS.BAD_AMOUNT.message },
                    ]}
                  >
                    <Input
                      aria-label={L.feeLine(i + 1, L.feeAmount)}
                      placeholder={L.feeAmountPlaceholder}
                      suffix={L.amountUnit}
                      inputMode="decimal"
                      autoComplete="off"
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'basis']}
                    rules={[
                      {
                        required: true,
                        whitespace: true,
                        message: ERRORS.FEE_BASIS_REQUIRED.message,
                      },
                      maxLength(L.feeBasis, 200),
                    ]}
                  >
                    <Input.TextArea
                      aria-label={L.feeLine(i + 1, L.feeBasis)}
                      placeholder={L.feeBasisPlaceholder}
                      autoSize={{ minRows: 1, maxRows: 4 }}
                    />
                  </Form.Item>
                  <IconButton
                    danger
                    icon={<DeleteOutlined aria-hidden />}
                    label={L.removeFee(i + 1)}
                    onClick={() => remove(field.name)}
                  />
                </li>
              ))}
            </ol>
            {fields.length < MAX_FEES ? (
              <Button
                type="dashed"
                icon={<PlusOutlined aria-hidden />}
                onClick={() => add({ name: '', amount: '', basis: '' })}
              >
                {L.addFee}
              </Button>
            ) : null}
          </>
        )}
      </Form.List>
    </fieldset>
  );
}
